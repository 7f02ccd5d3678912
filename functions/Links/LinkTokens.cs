using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Opsg.Functions.Links;

/// <summary>
/// Tokens are made at the edge, handed to the caller once, and stored only as a hash. 256 random bits
/// (at least 128 are required), base64url so they sit in a URL path unescaped.
/// </summary>
public static class LinkTokens
{
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Random, unrelated to the token: the history and SECAS's revoke URL name the link by it.</summary>
    public static string NewLinkId() => "lnk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
