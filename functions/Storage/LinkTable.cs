using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;

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
    private const string TokenRowKey = "token";

    private static string LinkPartition(string caseId) => "case_" + caseId;

    public async Task AddAsync(LinkRecord link, CancellationToken cancellationToken)
    {
        var token = new DynamicTableEntity(link.TokenHash, TokenRowKey);
        token.Properties["CaseId"] = new EntityProperty(link.CaseId);
        token.Properties["LinkId"] = new EntityProperty(link.LinkId);
        token.Properties["ExpiresAt"] = new EntityProperty(link.ExpiresAt);
        token.Properties["Revoked"] = new EntityProperty(link.Revoked);
        var byLink = new DynamicTableEntity(LinkPartition(link.CaseId), link.LinkId);
        byLink.Properties["TokenHash"] = new EntityProperty(link.TokenHash);
        await StorageErrors.Guard(() => account.Links.ExecuteAsync(TableOperation.Insert(token), null, null, cancellationToken));
        await StorageErrors.Guard(() => account.Links.ExecuteAsync(TableOperation.InsertOrReplace(byLink), null, null, cancellationToken));
    }

    public async Task<LinkRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var result = await StorageErrors.Guard(() => account.Links.ExecuteAsync(TableOperation.Retrieve(tokenHash, TokenRowKey), null, null, cancellationToken));
        return result.Result is DynamicTableEntity row
            ? new LinkRecord(tokenHash, row.Properties["CaseId"].StringValue, row.Properties["LinkId"].StringValue,
                row.Properties["ExpiresAt"].DateTimeOffsetValue ?? DateTimeOffset.MinValue, row.Properties["Revoked"].BooleanValue ?? true)
            : null;
    }

    /// <summary>Marks the link's token unusable. False when the table has no such link.</summary>
    public async Task<bool> RevokeAsync(string caseId, string linkId, CancellationToken cancellationToken)
    {
        var found = await StorageErrors.Guard(() => account.Links.ExecuteAsync(TableOperation.Retrieve(LinkPartition(caseId), linkId), null, null, cancellationToken));
        if (found.Result is not DynamicTableEntity byLink) return false;
        var token = new DynamicTableEntity(byLink.Properties["TokenHash"].StringValue, TokenRowKey) { ETag = "*" };
        token.Properties["Revoked"] = new EntityProperty(true);
        try
        {
            await StorageErrors.Guard(() => account.Links.ExecuteAsync(TableOperation.Merge(token), null, null, cancellationToken));
            return true;
        }
        catch (StorageException ex) when (ex.IsNotFound()) { return false; }
    }

    /// <summary>Takes back rows written for a link the case then refused to record.</summary>
    public async Task RemoveAsync(LinkRecord link, CancellationToken cancellationToken)
    {
        foreach (var (pk, rk) in new[] { (link.TokenHash, TokenRowKey), (LinkPartition(link.CaseId), link.LinkId) })
        {
            try
            {
                await StorageErrors.Guard(() => account.Links.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity(pk, rk) { ETag = "*" }), null, null, cancellationToken));
            }
            catch (StorageException ex) when (ex.IsNotFound()) { /* never written or already gone */ }
        }
    }
}
