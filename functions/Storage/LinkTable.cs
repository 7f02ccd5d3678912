using Azure;
using Azure.Data.Tables;

namespace Opsg.Functions.Storage;

/// <summary>The kind of record a link belongs to: a case (its Panel report) or a meeting (its final minutes).</summary>
public enum LinkTarget { Case, Meeting }

/// <summary>
/// What the links table knows about one token: never the token, only its SHA-256, and the record whose history
/// says whether the link still works.
/// </summary>
public sealed record LinkRecord(string TokenHash, string RecordId, string LinkId, DateTimeOffset ExpiresAt, bool Revoked, LinkTarget Target = LinkTarget.Case);

/// <summary>
/// The links SECAS issues, to a case's Panel report or a meeting's final minutes, looked up by token hash (one
/// point read, whatever the outcome, so an unknown, expired or revoked token costs the same). A second row per
/// link, keyed by record and link id, lets SECAS revoke a link without knowing its token. The record's history
/// stays the truth: a row is only an index, checked against the history before anything is served.
/// The token row names its record's kind (<c>RecordKind</c>) and its id under the kind's own column
/// (<c>CaseId</c>, <c>MeetingId</c>); a row written before meetings had links has no kind and is a case's.
/// </summary>
public sealed class LinkTable(StorageAccount account)
{
    internal const string TokenRowKey = "token";

    private const string KindColumn = "RecordKind";

    internal static string LinkPartition(string caseId) => LinkPartition(LinkTarget.Case, caseId);

    internal static string LinkPartition(LinkTarget target, string recordId) => Prefix(target) + "_" + recordId;

    /// <summary>"case", "meeting": the kind as the row stores it, and the by-link partition's prefix.</summary>
    private static string Prefix(LinkTarget target) => target == LinkTarget.Meeting ? "meeting" : "case";

    private static string IdColumn(LinkTarget target) => target == LinkTarget.Meeting ? "MeetingId" : "CaseId";

    public async Task AddAsync(LinkRecord link, CancellationToken cancellationToken)
    {
        var token = new TableEntity(link.TokenHash, TokenRowKey)
        {
            [KindColumn] = Prefix(link.Target),
            [IdColumn(link.Target)] = link.RecordId,
            ["LinkId"] = link.LinkId,
            ["ExpiresAt"] = link.ExpiresAt,
            ["Revoked"] = link.Revoked,
        };
        var byLink = new TableEntity(LinkPartition(link.Target, link.RecordId), link.LinkId) { ["TokenHash"] = link.TokenHash };
        // An upsert, not an add: the SDK retries a write whose answer was lost, and a retried add of a row the first
        // try did write answers 409, which no caller could act on. The hash is of 256 random bits: nothing to overwrite.
        await account.CallAsync(ct => account.Links.UpsertEntityAsync(token, TableUpdateMode.Replace, ct), cancellationToken);
        await account.CallAsync(ct => account.Links.UpsertEntityAsync(byLink, TableUpdateMode.Replace, ct), cancellationToken);
    }

    public async Task<LinkRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var found = await account.CallAsync(ct => account.Links.GetEntityIfExistsAsync<TableEntity>(tokenHash, TokenRowKey, cancellationToken: ct), cancellationToken);
        if (!found.HasValue || found.Value is not { } row) return null;
        var target = row.GetString(KindColumn) == Prefix(LinkTarget.Meeting) ? LinkTarget.Meeting : LinkTarget.Case;
        return new LinkRecord(tokenHash, row.GetString(IdColumn(target)), row.GetString("LinkId"),
            row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue, row.GetBoolean("Revoked") ?? true, target);
    }

    /// <summary>Marks the link's token unusable. False when the table has no such link.</summary>
    public async Task<bool> RevokeAsync(LinkTarget target, string recordId, string linkId, CancellationToken cancellationToken)
    {
        var found = await account.CallAsync(ct => account.Links.GetEntityIfExistsAsync<TableEntity>(LinkPartition(target, recordId), linkId, cancellationToken: ct), cancellationToken);
        if (!found.HasValue || found.Value is not { } byLink) return false;
        var token = new TableEntity(byLink.GetString("TokenHash"), TokenRowKey) { ["Revoked"] = true };
        try
        {
            await account.CallAsync(ct => account.Links.UpdateEntityAsync(token, ETag.All, TableUpdateMode.Merge, ct), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound()) { return false; }
    }

    /// <summary>Takes back rows written for a link its record then refused to record.</summary>
    public async Task RemoveAsync(LinkRecord link, CancellationToken cancellationToken)
    {
        foreach (var (pk, rk) in new[] { (link.TokenHash, TokenRowKey), (LinkPartition(link.Target, link.RecordId), link.LinkId) })
            await account.DeleteRowIfExistsAsync(account.Links, pk, rk, cancellationToken);
    }
}
