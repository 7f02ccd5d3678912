using Azure;
using Azure.Data.Tables;

namespace Opsg.Functions.Storage;

/// <summary>What the links table knows about one token: never the token, only its SHA-256.</summary>
public sealed record LinkRecord(string TokenHash, string CaseId, string LinkId, DateTimeOffset ExpiresAt, bool Revoked);

/// <summary>
/// The Panel's links, looked up by token hash (one point read, whatever the outcome, so an unknown,
/// expired or revoked token costs the same). A second row per link, keyed by case and link id, lets
/// SECAS revoke a link without knowing its token. The case history stays the truth: a row is only an
/// index, checked against the history before anything is served.
/// </summary>
public sealed class LinkTable(StorageAccount account)
{
    internal const string TokenRowKey = "token";

    internal static string LinkPartition(string caseId) => "case_" + caseId;

    public async Task AddAsync(LinkRecord link, CancellationToken cancellationToken)
    {
        var token = new TableEntity(link.TokenHash, TokenRowKey)
        {
            ["CaseId"] = link.CaseId,
            ["LinkId"] = link.LinkId,
            ["ExpiresAt"] = link.ExpiresAt,
            ["Revoked"] = link.Revoked,
        };
        var byLink = new TableEntity(LinkPartition(link.CaseId), link.LinkId) { ["TokenHash"] = link.TokenHash };
        await account.CallAsync(ct => account.Links.AddEntityAsync(token, ct), cancellationToken);
        await account.CallAsync(ct => account.Links.UpsertEntityAsync(byLink, TableUpdateMode.Replace, ct), cancellationToken);
    }

    public async Task<LinkRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var found = await account.CallAsync(ct => account.Links.GetEntityIfExistsAsync<TableEntity>(tokenHash, TokenRowKey, cancellationToken: ct), cancellationToken);
        return found.HasValue && found.Value is { } row
            ? new LinkRecord(tokenHash, row.GetString("CaseId"), row.GetString("LinkId"),
                row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue, row.GetBoolean("Revoked") ?? true)
            : null;
    }

    /// <summary>Marks the link's token unusable. False when the table has no such link.</summary>
    public async Task<bool> RevokeAsync(string caseId, string linkId, CancellationToken cancellationToken)
    {
        var found = await account.CallAsync(ct => account.Links.GetEntityIfExistsAsync<TableEntity>(LinkPartition(caseId), linkId, cancellationToken: ct), cancellationToken);
        if (!found.HasValue || found.Value is not { } byLink) return false;
        var token = new TableEntity(byLink.GetString("TokenHash"), TokenRowKey) { ["Revoked"] = true };
        try
        {
            await account.CallAsync(ct => account.Links.UpdateEntityAsync(token, ETag.All, TableUpdateMode.Merge, ct), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound()) { return false; }
    }

    /// <summary>Takes back rows written for a link the case then refused to record.</summary>
    public async Task RemoveAsync(LinkRecord link, CancellationToken cancellationToken)
    {
        foreach (var (pk, rk) in new[] { (link.TokenHash, TokenRowKey), (LinkPartition(link.CaseId), link.LinkId) })
            await account.DeleteRowIfExistsAsync(account.Links, pk, rk, cancellationToken);
    }
}
