using System.Net;
using Opsg.Functions.Links;

namespace Opsg.Functions.Tests.Links;

/// <summary>Who opened a link, kept no finer than SECAS needs: the client's network, not its address, and one bounded line of user agent.</summary>
public sealed class LinkReadersTests
{
    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("203.0.113.77:51234", "203.0.113.0/24")] // App Service writes the port
    [InlineData("203.0.113.77:51234, 10.0.0.4", "203.0.113.0/24")] // the first entry, not a proxy's
    [InlineData(" 198.51.100.255 ,10.0.0.4:80", "198.51.100.0/24")]
    [InlineData("2001:db8:1234:5678:9abc::1", "2001:db8:1234::/48")]
    [InlineData("[2001:db8:1234:5678::1]:443", "2001:db8:1234::/48")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    public void FromXForwardedFor_TheFirstEntrysNetwork(string forwardedFor, string network) =>
        Assert.Equal(network, LinkReaders.ClientNetwork(forwardedFor, IPAddress.Parse("10.9.8.7")));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("not an address, 203.0.113.77")]
    public void WithoutAUsableForwardedAddress_TheConnectionsNetwork(string? forwardedFor) =>
        Assert.Equal("192.0.2.0/24", LinkReaders.ClientNetwork(forwardedFor, IPAddress.Parse("192.0.2.200")));

    [Fact]
    public void AnIPv6ConnectionCarryingIPv4_IsTruncatedAsIPv4_AndNoAddressAtAllIsNull()
    {
        Assert.Equal("127.0.0.0/24", LinkReaders.ClientNetwork(null, IPAddress.Loopback.MapToIPv6()));
        Assert.Equal("::/48", LinkReaders.ClientNetwork(null, IPAddress.IPv6Loopback));
        Assert.Null(LinkReaders.ClientNetwork(null, null));
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/120.0", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/120.0")]
    [InlineData("curl/8.5\r\nX-Forged: yes", "curl/8.5  X-Forged: yes")]
    [InlineData("tab\there\u2028line", "tab here line")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void TheUserAgent_IsOneLine(string? sent, string? kept) =>
        Assert.Equal(kept, LinkReaders.UserAgent(sent));

    [Fact]
    public void ALongUserAgent_IsCutToItsBound()
    {
        var kept = LinkReaders.UserAgent(new string('x', 10_000))!;
        Assert.Equal(LinkReaders.MaxUserAgent, kept.Length);
        Assert.EndsWith("…", kept);
        Assert.Equal(new string('y', LinkReaders.MaxUserAgent), LinkReaders.UserAgent(new string('y', LinkReaders.MaxUserAgent)));
    }
}
