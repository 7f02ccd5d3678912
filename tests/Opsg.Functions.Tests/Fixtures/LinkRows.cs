using Azure.Data.Tables;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Every row of an app's links table with every property, in a fixed order: taken before and after a
/// refused request to show that it neither added a link nor revoked one.
/// </summary>
public static class LinkRows
{
    public static async Task<IReadOnlyList<string>> ReadAsync(OpsgApp app)
    {
        var table = app.Service<StorageAccount>().Links;
        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>()) rows.Add(Describe(row));
        return rows.Order(StringComparer.Ordinal).ToList();
    }

    // The SDK's own bookkeeping (ETag, Timestamp, odata annotations) is not what the app wrote.
    private static string Describe(TableEntity row) =>
        $"{row.PartitionKey}/{row.RowKey}: " + string.Join(", ", row
            .Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag") && !p.Key.Contains("@odata", StringComparison.Ordinal))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
}
