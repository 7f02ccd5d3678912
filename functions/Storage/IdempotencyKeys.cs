using Azure;
using Azure.Data.Tables;

namespace Opsg.Functions.Storage;

/// <summary>What an Idempotency-Key may do for a request: first use, a repeat of the request it was first used for, or 422.</summary>
public enum KeyClaim { First, SameRequest, OtherRequest }

/// <summary>
/// Every Idempotency-Key a client sent, once across all records (table OpsgIdempotencyKeys, PK = the key's hash, with
/// the hash of the request it was first used for). A record keeps the answer it gave under a key in its own
/// partition, where a key first used on another case or meeting cannot be seen; claiming it here first refuses that
/// reuse before anything is written. A claim whose command then never reached the record is harmless: only the same
/// request can use the key again, and it is then recorded once.
/// </summary>
public sealed class IdempotencyKeys(StorageAccount account)
{
    private const string RowKey = "";

    public async Task<KeyClaim> ClaimAsync(string keyHash, string requestHash, string recordId, CancellationToken cancellationToken)
    {
        var row = new TableEntity(keyHash, RowKey) { ["RequestHash"] = requestHash, ["RecordId"] = recordId };
        try
        {
            await account.CallAsync(ct => account.IdempotencyKeys.AddEntityAsync(row, ct), cancellationToken);
            return KeyClaim.First;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Also the answer when an earlier try of this very insert was written and its reply lost: the hash then matches.
            var found = await account.CallAsync(ct => account.IdempotencyKeys.GetEntityIfExistsAsync<TableEntity>(keyHash, RowKey, cancellationToken: ct), cancellationToken);
            return found.HasValue && found.Value!.GetString("RequestHash") == requestHash ? KeyClaim.SameRequest : KeyClaim.OtherRequest;
        }
    }
}
