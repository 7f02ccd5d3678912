using System.Globalization;
using Azure;
using Azure.Data.Tables;

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
        var row = new TableEntity(Partition, RowKey(timer.DueAt, timer.CaseId, timer.TimerId))
        {
            ["CaseId"] = timer.CaseId,
            ["TimerId"] = timer.TimerId,
            ["DueAt"] = timer.DueAt,
            ["WrittenAt"] = timer.WrittenAt,
        };
        return account.CallAsync(ct => account.Timers.UpsertEntityAsync(row, TableUpdateMode.Replace, ct), cancellationToken);
    }

    public async Task<IReadOnlyList<DueTimer>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var upper = now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey lt {upper}");
        var page = await account.ReadPageAsync(account.Timers, filter, select: null, pageSize: max, continuation: null, cancellationToken);
        return page.Values.Select(r => new DueTimer(
            r.GetString("CaseId"),
            r.GetString("TimerId"),
            r.GetDateTimeOffset("DueAt") ?? now,
            r.GetDateTimeOffset("WrittenAt") ?? now)).ToList();
    }

    public async Task DeleteAsync(DueTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            await account.CallAsync(ct => account.Timers.DeleteEntityAsync(Partition, RowKey(timer.DueAt, timer.CaseId, timer.TimerId), ETag.All, ct), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsNotFound())
        {
            // Already gone: a second sweep got there first.
        }
    }
}
