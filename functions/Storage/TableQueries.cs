using Azure;
using Azure.Data.Tables;

namespace Opsg.Functions.Storage;

/// <summary>
/// Table queries read page by page, each page one budgeted call, so a long listing is never cut short by one call's
/// budget; and the one way a row is removed when its being gone already is fine (purge, a take-back, a retry).
/// </summary>
internal static class TableQueries
{
    public static async Task<List<TableEntity>> ReadAllAsync(this StorageAccount account, TableClient table, string filter, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        string? continuation = null;
        do
        {
            var page = await account.ReadPageAsync(table, filter, select, pageSize: null, continuation, cancellationToken);
            rows.AddRange(page.Values);
            continuation = NullIfEmpty(page.ContinuationToken);
        }
        while (continuation is not null);
        return rows;
    }

    /// <summary>One page of at most <paramref name="pageSize"/> rows (the service may return fewer), from where <paramref name="continuation"/> says.</summary>
    public static Task<Page<TableEntity>> ReadPageAsync(this StorageAccount account, TableClient table, string filter, IEnumerable<string>? select, int? pageSize, string? continuation, CancellationToken cancellationToken) =>
        account.CallAsync(async ct =>
        {
            await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, select, ct).AsPages(continuation, pageSize))
                return page;
            throw new InvalidOperationException($"A query of table {table.Name} returned no page at all.");
        }, cancellationToken);

    /// <summary>Deletes a row, whatever its version; a row never written or already removed is not an error.</summary>
    public static async Task DeleteRowIfExistsAsync(this StorageAccount account, TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await account.CallAsync(ct => table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, ct), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsNotFound()) { /* already gone */ }
    }

    /// <summary>The SDK's "no more pages" may be null or empty.</summary>
    public static string? NullIfEmpty(string? continuation) => string.IsNullOrEmpty(continuation) ? null : continuation;
}
