using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Opsg.Functions.Links;

/// <summary>
/// Who opened a Panel link, as far as SECAS needs it to see a leaked token used (an address or browser nobody on the
/// Panel has) and no further: the client's network, not its address (IPv4 to /24, IPv6 to /48), and its user agent
/// cut to one line of bounded length. Pure: the HTTP function hands over the header values and the connection's address.
/// </summary>
public static class LinkReaders
{
    public const int MaxUserAgent = 200;

    /// <summary>
    /// The client's network: X-Forwarded-For's first entry where there is one (App Service's front end puts the
    /// caller there, with its port), else the connection's remote address; null when neither is an address. The
    /// header is what the caller's side says, so it tells where a request came from, not who sent it.
    /// </summary>
    public static string? ClientNetwork(string? forwardedFor, IPAddress? remoteAddress)
    {
        var first = forwardedFor?.Split(',')[0].Trim();
        var address = !string.IsNullOrEmpty(first) && Address(first) is { } forwarded ? forwarded : remoteAddress;
        return address is null ? null : Truncated(address);
    }

    /// <summary>"203.0.113.77" → "203.0.113.0/24"; "2001:db8:1234:5678::1" → "2001:db8:1234::/48"; an IPv4 address carried in IPv6 as IPv4.</summary>
    public static string Truncated(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        var (keep, prefix) = address.AddressFamily == AddressFamily.InterNetwork ? (3, 24) : (6, 48);
        Array.Clear(bytes, keep, bytes.Length - keep);
        return string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/{prefix}");
    }

    /// <summary>The user agent as one line of at most <see cref="MaxUserAgent"/> characters (control characters and line breaks as spaces); null when none was sent.</summary>
    public static string? UserAgent(string? sent)
    {
        if (string.IsNullOrWhiteSpace(sent)) return null;
        var line = new StringBuilder(Math.Min(sent.Length, MaxUserAgent + 1));
        foreach (var c in sent)
        {
            if (line.Length > MaxUserAgent) break;
            line.Append(char.IsControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator ? ' ' : c);
        }
        var text = line.ToString().Trim();
        return text.Length > MaxUserAgent ? text[..(MaxUserAgent - 1)] + "…" : text;
    }

    /// <summary>An address as X-Forwarded-For writes it: "203.0.113.7", "203.0.113.7:51234", "2001:db8::1", "[2001:db8::1]:443".</summary>
    private static IPAddress? Address(string entry) =>
        IPAddress.TryParse(entry, out var plain) ? plain
        : IPEndPoint.TryParse(entry, out var endpoint) ? endpoint.Address
        : null;
}
