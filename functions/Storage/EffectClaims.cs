using Azure;
using Azure.Data.Tables;

namespace Opsg.Functions.Storage;

/// <summary>A claim held on one effect: who holds it (one run of a step) and the row's version, to give it back.</summary>
public sealed record EffectClaim(string RecordId, string Effect, string Holder, ETag Version);

/// <summary>
/// Who is doing an effect outside the record right now, an email above all (table OpsgEffectClaims, PK = the record,
/// RK = the effect, as named by the idempotency key that will record it). A claim is a row with a lease: taken by an
/// insert, or by replacing at its ETag a row whose lease has run out, so of two runs only one holds it; given back by
/// deleting it at that ETag once the effect is recorded. A run that died gives nothing back, and its claim can be taken
/// over when its lease ends.
/// </summary>
public sealed class EffectClaims(StorageAccount account, TimeProvider clock)
{
    private const string HolderColumn = "Holder";
    private const string UntilColumn = "Until";

    /// <summary>The claim, or null while another run holds it.</summary>
    public async Task<EffectClaim?> TryTakeAsync(string recordId, string effect, string holder, TimeSpan lease, CancellationToken cancellationToken)
    {
        var row = new TableEntity(recordId, effect) { [HolderColumn] = holder, [UntilColumn] = clock.GetUtcNow() + lease };
        try
        {
            var added = await account.CallAsync(ct => account.EffectClaims.AddEntityAsync(row, ct), cancellationToken);
            return new EffectClaim(recordId, effect, holder, added.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            var found = await account.CallAsync(ct => account.EffectClaims.GetEntityIfExistsAsync<TableEntity>(recordId, effect, cancellationToken: ct), cancellationToken);
            if (!found.HasValue || found.Value is not { } held) return null; // given back meanwhile: the caller tries again
            // Our own insert, written on a try whose answer was lost and retried by the SDK.
            if (held.GetString(HolderColumn) == holder) return new EffectClaim(recordId, effect, holder, held.ETag);
            if (held.GetDateTimeOffset(UntilColumn) > clock.GetUtcNow()) return null;
            return await TakeOverAsync(row, held.ETag, cancellationToken);
        }
    }

    /// <summary>Gives the claim back, unless another run has taken it over since (its lease had run out).</summary>
    public async Task GiveBackAsync(EffectClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await account.CallAsync(ct => account.EffectClaims.DeleteEntityAsync(claim.RecordId, claim.Effect, claim.Version, ct), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412) { /* gone, or another run's now */ }
    }

    /// <summary>Every claim a purged record left (a run that died before giving one back).</summary>
    public async Task RemoveAllAsync(string recordId, CancellationToken cancellationToken)
    {
        var rows = await account.ReadAllAsync(account.EffectClaims, TableClient.CreateQueryFilter($"PartitionKey eq {recordId}"), select: ["RowKey"], cancellationToken);
        foreach (var row in rows)
            await account.DeleteRowIfExistsAsync(account.EffectClaims, recordId, row.RowKey, cancellationToken);
    }

    private async Task<EffectClaim?> TakeOverAsync(TableEntity row, ETag expired, CancellationToken cancellationToken)
    {
        try
        {
            var replaced = await account.CallAsync(ct => account.EffectClaims.UpdateEntityAsync(row, expired, TableUpdateMode.Replace, ct), cancellationToken);
            return new EffectClaim(row.PartitionKey, row.RowKey, row.GetString(HolderColumn), replaced.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412) { return null; } // another run was quicker
    }
}
