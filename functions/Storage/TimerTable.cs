using System.Globalization;
using Microsoft.WindowsAzure.Storage.Table;

namespace Opsg.Functions.Storage;

public sealed record DueTimer(string CaseId, string TimerId, DateTimeOffset DueAt, DateTimeOffset WrittenAt);

/// <summary>
/// Durable timers, indexed by due time in one partition so "what is due now" is one range query.
/// A row is written before the case records the timer, and checked against the case when it fires,
/// so a crash between the two leaves at worst an orphan row that the sweep discards.
/// </summary>
public sealed class TimerTable(StorageAccount account)
{
    private const string Partition = "due";

    private static string RowKey(DateTimeOffset dueAt, string caseId, string timerId) =>
        $"{dueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}_{caseId}_{timerId}";

    public Task UpsertAsync(DueTimer timer, CancellationToken cancellationToken)
    {
        var row = new DynamicTableEntity(Partition, RowKey(timer.DueAt, timer.CaseId, timer.TimerId));
        row.Properties["CaseId"] = new EntityProperty(timer.CaseId);
        row.Properties["TimerId"] = new EntityProperty(timer.TimerId);
        row.Properties["DueAt"] = new EntityProperty(timer.DueAt);
        row.Properties["WrittenAt"] = new EntityProperty(timer.WrittenAt);
        return StorageErrors.Guard(() => account.Timers.ExecuteAsync(TableOperation.InsertOrReplace(row), null, null, cancellationToken));
    }

    public async Task<IReadOnlyList<DueTimer>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var upper = now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~";
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, Partition),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, upper));
        var query = new TableQuery<DynamicTableEntity>().Where(filter).Take(max);
        var segment = await StorageErrors.Guard(() => account.Timers.ExecuteQuerySegmentedAsync(query, null, null, null, cancellationToken));
        return segment.Results.Select(r => new DueTimer(
            r.Properties["CaseId"].StringValue,
            r.Properties["TimerId"].StringValue,
            r.Properties["DueAt"].DateTimeOffsetValue ?? now,
            r.Properties["WrittenAt"].DateTimeOffsetValue ?? now)).ToList();
    }

    public async Task DeleteAsync(DueTimer timer, CancellationToken cancellationToken)
    {
        var row = new DynamicTableEntity(Partition, RowKey(timer.DueAt, timer.CaseId, timer.TimerId)) { ETag = "*" };
        try
        {
            await StorageErrors.Guard(() => account.Timers.ExecuteAsync(TableOperation.Delete(row), null, null, cancellationToken));
        }
        catch (Microsoft.WindowsAzure.Storage.StorageException ex) when (ex.IsNotFound())
        {
            // Already gone: a second sweep got there first.
        }
    }
}
