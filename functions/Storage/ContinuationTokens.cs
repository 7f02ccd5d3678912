using System.Security.Cryptography;
using System.Text;

namespace Opsg.Functions.Storage;

/// <summary>
/// Turns the SDK's table continuation ("{next partition key} {next row key}") into one opaque string for the API, and
/// back. The string is base64 of the two keys and the scope of the query that issued it, on three lines: a token sent
/// with another query, or one the API never issued, does not carry that query's scope and is refused (400), instead of
/// paging from wherever it points.
/// </summary>
public static class ContinuationTokens
{
    public static string? Encode(string? sdkToken, string scope)
    {
        if (string.IsNullOrEmpty(sdkToken)) return null;
        var space = sdkToken.IndexOf(' ', StringComparison.Ordinal);
        var (partition, row) = space < 0 ? (sdkToken, "") : (sdkToken[..space], sdkToken[(space + 1)..]);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{partition}\n{row}\n{scope}"));
    }

    /// <summary>The SDK's continuation, or null when <paramref name="value"/> is not a token issued for a query of this scope.</summary>
    public static string? Decode(string? value, string scope)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out var length)) return null;
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length); }
        catch (DecoderFallbackException) { return null; }
        var parts = text.Split('\n');
        return parts.Length == 3 && parts[2] == scope && parts[0].Length is > 0 and <= 1024 && parts[1].Length <= 1024 && parts[..2].All(IsTableKey)
            ? $"{parts[0]} {parts[1]}"
            : null;
    }

    /// <summary>A short fingerprint of what a query selects (not how many per page): the scope its tokens carry.</summary>
    public static string Scope(params object?[] selection) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', selection.Select(Text)))))[..16];

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTimeOffset time => time.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(',', list.Order(StringComparer.Ordinal)),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static bool IsTableKey(string key) => !key.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?');
}
