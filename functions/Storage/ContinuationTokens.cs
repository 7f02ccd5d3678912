using System.Text;
using Microsoft.WindowsAzure.Storage.Table;

namespace Opsg.Functions.Storage;

/// <summary>Turns the SDK's two-part table token into one opaque string for the API, and back.</summary>
internal static class ContinuationTokens
{
    public static string? Encode(TableContinuationToken? token) =>
        token is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes($"{token.NextPartitionKey}\n{token.NextRowKey}"));

    public static TableContinuationToken? Decode(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(value)).Split('\n');
            return parts.Length == 2 ? new TableContinuationToken { NextPartitionKey = parts[0], NextRowKey = parts[1] } : null;
        }
        catch (FormatException) { return null; }
    }
}
