using System.Text;

namespace Opsg.Functions.Storage;

/// <summary>
/// Turns the SDK's table continuation ("{next partition key} {next row key}") into one opaque string for
/// the API, and back. The API's string is base64 of the two keys on two lines, as it was before the SDK
/// changed, so a token handed out earlier still pages on.
/// </summary>
public static class ContinuationTokens
{
    public static string? Encode(string? sdkToken)
    {
        if (string.IsNullOrEmpty(sdkToken)) return null;
        var space = sdkToken.IndexOf(' ', StringComparison.Ordinal);
        var (partition, row) = space < 0 ? (sdkToken, "") : (sdkToken[..space], sdkToken[(space + 1)..]);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{partition}\n{row}"));
    }

    /// <summary>Base64 of two table keys on two lines, neither holding what a table key cannot.</summary>
    public static bool IsWellFormed(string value)
    {
        var bytes = new byte[value.Length];
        if (!Convert.TryFromBase64String(value, bytes, out var length)) return false;
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length); }
        catch (DecoderFallbackException) { return false; }
        var parts = text.Split('\n');
        return parts.Length == 2 && parts[0].Length is > 0 and <= 1024 && parts[1].Length <= 1024 && parts.All(IsTableKey);
    }

    private static bool IsTableKey(string key) => !key.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?');

    public static string? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(value)).Split('\n');
            return parts.Length == 2 ? $"{parts[0]} {parts[1]}" : null;
        }
        catch (FormatException) { return null; }
    }
}
