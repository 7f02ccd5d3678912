using Microsoft.WindowsAzure.Storage.Table;
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
        TableContinuationToken? token = null;
        do
        {
            var segment = await table.ExecuteQuerySegmentedAsync(new TableQuery<DynamicTableEntity>(), token);
            rows.AddRange(segment.Results.Select(Describe));
            token = segment.ContinuationToken;
        }
        while (token is not null);
        return rows.Order(StringComparer.Ordinal).ToList();
    }

    private static string Describe(DynamicTableEntity row) =>
        $"{row.PartitionKey}/{row.RowKey}: " + string.Join(", ", row.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value.PropertyAsObject}"));
}
