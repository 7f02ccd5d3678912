using System.Globalization;
using Azure.Data.Tables;

namespace Opsg.Functions.Storage;

/// <summary>
/// What a purge removed and on whose word: the record's id, the version and SHA-256 of its history as it was checked
/// (<see cref="WholeRecord.Sha256"/>), how many events it had, who asked and when, and when the removal finished
/// (null while it is under way, so a purge that stopped half-way is finished by sending it again).
/// </summary>
public sealed record PurgeTombstone(
    string CaseId,
    string Id,
    long Version,
    string HistorySha256,
    long EventCount,
    string PurgedByRole,
    string PurgedByName,
    string? PurgedById,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt);

/// <summary>
/// The tombstones of purged records, in a table of their own (OpsgPurged) that no purge touches: a purge removes
/// everything a case owns, and this says that it did. One partition per case id; rows are only added and completed.
/// </summary>
public sealed class PurgedRecords(StorageAccount account)
{
    public async Task<IReadOnlyList<PurgeTombstone>> ReadAsync(string caseId, CancellationToken cancellationToken)
    {
        var rows = await account.ReadAllAsync(account.Purged, TableClient.CreateQueryFilter($"PartitionKey eq {caseId}"), select: null, cancellationToken);
        return rows.Select(ToTombstone).ToList();
    }

    /// <summary>The purge of this case that was begun and not finished, if any.</summary>
    public async Task<PurgeTombstone?> UnfinishedAsync(string caseId, CancellationToken cancellationToken) =>
        (await ReadAsync(caseId, cancellationToken)).FirstOrDefault(t => t.CompletedAt is null);

    /// <summary>A tombstone for a purge being begun (or begun again: the same row).</summary>
    public static PurgeTombstone Begin(WholeRecord record, string role, string name, string? id, DateTimeOffset now, PurgeTombstone? unfinished) =>
        new(record.CaseId, unfinished?.Id ?? now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture), record.Version, record.Sha256(),
            record.Events.Count, role, name, id, now, null);

    public Task WriteAsync(PurgeTombstone tombstone, CancellationToken cancellationToken) =>
        account.CallAsync(ct => account.Purged.UpsertEntityAsync(ToRow(tombstone), TableUpdateMode.Replace, ct), cancellationToken);

    /// <summary>Takes back a tombstone whose purge was refused before it removed anything.</summary>
    public Task WithdrawAsync(PurgeTombstone tombstone, CancellationToken cancellationToken) =>
        account.DeleteRowIfExistsAsync(account.Purged, tombstone.CaseId, tombstone.Id, cancellationToken);

    private static TableEntity ToRow(PurgeTombstone t)
    {
        var row = new TableEntity(t.CaseId, t.Id)
        {
            ["Version"] = t.Version,
            ["HistorySha256"] = t.HistorySha256,
            ["EventCount"] = t.EventCount,
            ["PurgedByRole"] = t.PurgedByRole,
            ["PurgedByName"] = t.PurgedByName,
            ["RequestedAt"] = t.RequestedAt,
        };
        if (t.PurgedById is not null) row["PurgedById"] = t.PurgedById;
        if (t.CompletedAt is { } completed) row["CompletedAt"] = completed;
        return row;
    }

    private static PurgeTombstone ToTombstone(TableEntity row) => new(
        row.PartitionKey,
        row.RowKey,
        row.GetInt64("Version") ?? 0,
        row.GetString("HistorySha256"),
        row.GetInt64("EventCount") ?? 0,
        row.GetString("PurgedByRole"),
        row.GetString("PurgedByName"),
        row.GetString("PurgedById"),
        row.GetDateTimeOffset("RequestedAt") ?? DateTimeOffset.MinValue,
        row.GetDateTimeOffset("CompletedAt"));
}
