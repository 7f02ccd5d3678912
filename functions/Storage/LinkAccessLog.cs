using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Opsg.Functions.Storage;

/// <summary>
/// One opening of a link: which link of which record (a case, or a meeting), when, and from where: the client's
/// network (its address truncated, IPv4 to /24 and IPv6 to /48) and user agent (one bounded line), null where unknown
/// or recorded before they were kept.
/// </summary>
public sealed record LinkAccess(string RecordId, string LinkId, DateTimeOffset Time, LinkTarget Target = LinkTarget.Case, string? ClientNetwork = null, string? UserAgent = null);

/// <summary>
/// The links' access log, kept outside the records' histories: a reader only ever inserts a row of
/// its own here, so however many read at once, none can conflict with SECAS's writes to the record.
/// One partition per record: a case's is its id ("c" and hex digits; purged with the case), a meeting's is "meeting_" and
/// its id, so the two kinds never share one. The row key is the time in ticks and a random suffix, so
/// rows read back in time order and two accesses in the same tick are still two rows.
/// </summary>
public sealed class LinkAccessLog(StorageAccount account)
{
    private const int MaxBatchOperations = 100;

    public Task RecordAsync(LinkAccess access, CancellationToken cancellationToken)
    {
        var rowKey = $"{access.Time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";
        var row = new TableEntity(Partition(access.Target, access.RecordId), rowKey)
        {
            ["LinkId"] = access.LinkId,
            ["Time"] = access.Time,
            ["ClientNetwork"] = access.ClientNetwork,
            ["UserAgent"] = access.UserAgent,
        };
        // An upsert: a retried add of a row whose first try was written would answer 409; the key is unique anyway.
        return account.CallAsync(ct => account.LinkAccess.UpsertEntityAsync(row, TableUpdateMode.Replace, ct), cancellationToken);
    }

    private static string Partition(LinkTarget target, string recordId) => target == LinkTarget.Meeting ? "meeting_" + recordId : recordId;

    /// <summary>Every recorded access to the case's links, oldest first.</summary>
    public Task<IReadOnlyList<LinkAccess>> ReadAsync(string caseId, CancellationToken cancellationToken) => ReadAsync(LinkTarget.Case, caseId, cancellationToken);

    /// <summary>Every recorded access to the record's links, oldest first.</summary>
    public async Task<IReadOnlyList<LinkAccess>> ReadAsync(LinkTarget target, string recordId, CancellationToken cancellationToken)
    {
        var rows = await account.ReadAllAsync(account.LinkAccess, TableClient.CreateQueryFilter($"PartitionKey eq {Partition(target, recordId)}"), select: null, cancellationToken);
        return rows.Select(r => new LinkAccess(recordId, r.GetString("LinkId"), r.GetDateTimeOffset("Time") ?? DateTimeOffset.MinValue, target,
            r.GetString("ClientNetwork"), r.GetString("UserAgent"))).ToList();
    }

    /// <summary>Removes the case's access log; true when there was one.</summary>
    public async Task<bool> PurgeAsync(string caseId, CancellationToken cancellationToken)
    {
        var rows = await account.ReadAllAsync(account.LinkAccess, TableClient.CreateQueryFilter($"PartitionKey eq {caseId}"), select: ["RowKey"], cancellationToken);
        foreach (var chunk in rows.Chunk(MaxBatchOperations))
        {
            var batch = chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(caseId, row.RowKey), ETag.All)).ToList();
            await account.CallAsync(ct => account.LinkAccess.SubmitTransactionAsync(batch, ct), cancellationToken);
        }
        return rows.Count > 0;
    }
}
