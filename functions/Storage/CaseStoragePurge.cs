using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Opsg.Functions.Storage;

/// <summary>
/// Removes what a case owns outside its history: every blob under "{caseId}/" (reports, evidence,
/// large payloads), its Panel links' rows (both partitions), its link access log, its action-number reservations and any claim on an email a run left when it died.
/// The history goes separately and last, so a purge retried after a failure still finds the case.
/// </summary>
public sealed class CaseStoragePurge(StorageAccount account, LinkAccessLog accessLog, MeetingTable meetings, EffectClaims claims)
{
    public async Task RemoveOwnedAsync(string caseId, CancellationToken cancellationToken)
    {
        foreach (var container in new[] { account.Reports, account.Evidence, account.Payloads })
            await DeleteBlobsAsync(container, caseId + "/", cancellationToken);
        await DeleteLinksAsync(caseId, cancellationToken);
        await accessLog.PurgeAsync(caseId, cancellationToken);
        await meetings.RemoveReservationsAsync(caseId, cancellationToken);
        await claims.RemoveAllAsync(caseId, cancellationToken);
    }

    private async Task DeleteBlobsAsync(BlobContainerClient container, string prefix, CancellationToken cancellationToken)
    {
        var names = await account.CallAsync(async ct =>
        {
            var found = new List<string>();
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct)) found.Add(blob.Name);
            return found;
        }, cancellationToken);
        foreach (var name in names)
            await account.CallAsync(ct => container.GetBlobClient(name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct), cancellationToken);
    }

    private async Task DeleteLinksAsync(string caseId, CancellationToken cancellationToken)
    {
        var byLink = await account.ReadAllAsync(account.Links, TableClient.CreateQueryFilter($"PartitionKey eq {LinkTable.LinkPartition(caseId)}"), select: ["RowKey", "TokenHash"], cancellationToken);
        foreach (var row in byLink)
        {
            // The token row first: a purge that stops half-way still leaves the by-link row to find it again.
            await account.DeleteRowIfExistsAsync(account.Links, row.GetString("TokenHash"), LinkTable.TokenRowKey, cancellationToken);
            await account.DeleteRowIfExistsAsync(account.Links, LinkTable.LinkPartition(caseId), row.RowKey, cancellationToken);
        }
    }
}
