using Azure;
using Azure.Data.Tables;

namespace Opsg.Functions.Storage;

// What a purge does to a record's partition: read it whole, delete exactly what was read, delete what is left.
public sealed partial class HistoryTable
{
    /// <summary>
    /// Every row of a record as it stands (events, header, Idempotency-Key rows), each with the ETag it was read at,
    /// for a purge that deletes exactly what it checked: null when the record has no history (never created, or gone).
    /// </summary>
    public async Task<WholeRecord?> ReadWholeAsync(string caseId, CancellationToken cancellationToken)
    {
        var rows = await account.ReadAllAsync(account.History, TableClient.CreateQueryFilter($"PartitionKey eq {caseId}"), select: null, cancellationToken);
        var events = new List<StoredEvent>();
        foreach (var row in rows.Where(r => string.CompareOrdinal(r.RowKey, LastEventRowKey) <= 0))
            events.Add(await ToEventAsync(row, cancellationToken));
        var version = ContiguousLength(events);
        return version == 0 ? null : new WholeRecord(caseId, version, events.Take((int)version).ToList(), rows.Select(r => new RowVersion(r.RowKey, r.ETag)).ToList());
    }

    /// <summary>
    /// Deletes the rows of <paramref name="record"/>, each only at the ETag it was read at. The header goes in the first
    /// batch, with the first events: every append rewrites the header, so a record changed since it was read fails that
    /// batch whole and nothing is deleted (false). Once it has gone the record's events no longer start at 1, so no
    /// reader sees the case and nobody appends to it; the later batches delete what is left.
    /// </summary>
    public async Task<bool> DeleteAsReadAsync(WholeRecord record, CancellationToken cancellationToken)
    {
        var ordered = record.Rows.OrderBy(r => r.RowKey == HeaderRowKey ? 0 : 1).ThenBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var first = true;
        foreach (var chunk in ordered.Chunk(MaxBatchOperations))
        {
            var batch = chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(record.CaseId, row.RowKey), row.ETag)).ToList();
            try
            {
                await account.CallAsync(ct => account.History.SubmitTransactionAsync(batch, ct), cancellationToken);
            }
            catch (RequestFailedException ex) when (first && (ex.IsConflict() || ex.IsNotFound()))
            {
                return false;
            }
            first = false;
        }
        return true;
    }

    /// <summary>Deletes whatever rows the record still has, at any ETag: what a purge that stopped half-way left.</summary>
    public async Task<bool> PurgeAsync(string caseId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId}");
        var rows = await account.ReadAllAsync(account.History, filter, select: ["RowKey"], cancellationToken);
        foreach (var chunk in rows.Chunk(MaxBatchOperations))
        {
            var batch = chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(caseId, row.RowKey), ETag.All)).ToList();
            await account.CallAsync(ct => account.History.SubmitTransactionAsync(batch, ct), cancellationToken);
        }
        return rows.Count > 0;
    }
}
