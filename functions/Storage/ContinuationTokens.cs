using System.Text;

namespace Opsg.Functions.Storage;

/// <summary>
/// Turns the SDK's table continuation ("{next partition key} {next row key}") into one opaque string for
/// the API, and back. The API's string is base64 of the two keys on two lines, as it was before the SDK
/// changed, so a token handed out earlier still pages on.
/// </summary>
internal static class ContinuationTokens
{
    public static string? Encode(string? sdkToken)
    {
        if (string.IsNullOrEmpty(sdkToken)) return null;
        var space = sdkToken.IndexOf(' ', StringComparison.Ordinal);
        var (partition, row) = space < 0 ? (sdkToken, "") : (sdkToken[..space], sdkToken[(space + 1)..]);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{partition}\n{row}"));
    }

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
