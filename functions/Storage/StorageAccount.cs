using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Opsg.Functions.Storage;

/// <summary>
/// The one place that turns the storage settings into SDK clients, and the one way every storage call
/// is made: within a time budget, with "storage did not answer" turned into <see cref="StorageUnavailableException"/>.
/// </summary>
public sealed class StorageAccount
{
    // Per try: an answer from storage normally takes milliseconds; a try that has had nothing for this
    // long is abandoned and retried (a frozen or overloaded server), instead of the SDK's 100 s.
    private static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(3);

    public StorageAccount(IOptions<StorageOptions> options)
    {
        Options = options.Value;
        Connection = StorageConnection.From(Options);
        var clients = Connection.CreateClients(
            Configure(new TableClientOptions()),
            Configure(new BlobClientOptions()));

        History = clients.Tables.GetTableClient(Options.HistoryTable);
        Links = clients.Tables.GetTableClient(Options.LinksTable);
        Meetings = clients.Tables.GetTableClient(Options.MeetingsTable);
        LinkAccess = clients.Tables.GetTableClient(Options.LinkAccessTable);
        Purged = clients.Tables.GetTableClient(Options.PurgedTable);
        IdempotencyKeys = clients.Tables.GetTableClient(Options.IdempotencyKeysTable);
        EffectClaims = clients.Tables.GetTableClient(Options.EffectClaimsTable);
        Reports = clients.Blobs.GetBlobContainerClient(Options.ReportsContainer);
        Evidence = clients.Blobs.GetBlobContainerClient(Options.EvidenceContainer);
        Payloads = clients.Blobs.GetBlobContainerClient(Options.PayloadsContainer);
    }

    public StorageOptions Options { get; }
    public StorageConnection Connection { get; }
    internal TableClient History { get; }
    internal TableClient Links { get; }
    internal TableClient Meetings { get; }
    internal TableClient LinkAccess { get; }
    internal TableClient Purged { get; }
    internal TableClient IdempotencyKeys { get; }
    internal TableClient EffectClaims { get; }
    internal BlobContainerClient Reports { get; }
    internal BlobContainerClient Evidence { get; }
    internal BlobContainerClient Payloads { get; }

    /// <summary>
    /// Runs one storage call (the SDK's retries included) within <see cref="StorageOptions.CallTimeout"/>.
    /// Storage not answering becomes <see cref="StorageUnavailableException"/> (503 with Retry-After);
    /// answers such as 404 or 409 stay <see cref="RequestFailedException"/> for the caller to read; the
    /// caller's own cancellation stays a cancellation.
    /// </summary>
    internal async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Options.CallTimeout);
        try { return await call(budget.Token); }
        catch (Exception ex) when (StorageErrors.MeansUnavailable(ex, cancellationToken))
        {
            throw new StorageUnavailableException(budget.IsCancellationRequested
                ? $"Storage did not answer within {Options.CallTimeout.TotalSeconds:0.#} s."
                : "Storage did not answer.", ex);
        }
    }

    internal Task CallAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync(async token => { await call(token); return true; }, cancellationToken);

    /// <summary>Creates what is missing; safe to run on every start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { History, Links, Meetings, LinkAccess, Purged, IdempotencyKeys, EffectClaims })
            await CallAsync(ct => table.CreateIfNotExistsAsync(ct), cancellationToken);
        // Private containers: nothing is ever served straight from Blob storage without our checks.
        foreach (var container in new[] { Reports, Evidence, Payloads })
            await CallAsync(ct => container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct), cancellationToken);
    }

    /// <summary>What the health endpoint reports: each resource and whether it answered. Probed side by side, so a frozen store costs one budget, not eight.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken)
    {
        async Task<KeyValuePair<string, string>> Probe(string name, Func<CancellationToken, Task<bool>> exists)
        {
            try { return new(name, await CallAsync(exists, cancellationToken) ? "ok" : "missing"); }
            catch (StorageUnavailableException ex) { return new(name, "unreachable: " + ex.Message); }
            catch (RequestFailedException ex) { return new(name, $"unreachable: {ex.Status} {ex.ErrorCode}"); }
        }
        var probes = new[] { History, Links, Meetings, LinkAccess, Purged, IdempotencyKeys, EffectClaims }.Select(t => Probe($"table:{t.Name}", ct => TableExistsAsync(t, ct)))
            .Append(Probe($"container:{Reports.Name}", async ct => (await Reports.ExistsAsync(ct)).Value))
            .Append(Probe($"container:{Evidence.Name}", async ct => (await Evidence.ExistsAsync(ct)).Value));
        return new Dictionary<string, string>(await Task.WhenAll(probes));
    }

    /// <summary>A table has no "exists" call: a point query on an empty partition answers 404 only when the table is missing.</summary>
    private static async Task<bool> TableExistsAsync(TableClient table, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>("PartitionKey eq '~probe'", maxPerPage: 1, select: ["PartitionKey"], cancellationToken).AsPages())
                break;
            return true;
        }
        catch (RequestFailedException ex) when (ex.IsNotFound()) { return false; }
    }

    private static TOptions Configure<TOptions>(TOptions options) where TOptions : ClientOptions
    {
        // Few, short retries: a refused connection or a 5xx is often gone a moment later, but a caller
        // waiting on an HTTP answer prefers a quick 503 to a long hang; CallAsync bounds the whole call.
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = NetworkTimeout;
        return options;
    }
}

/// <summary>
/// Table queries read page by page, each page one budgeted call, so a long listing is never cut short by one call's
/// budget; and the one way a row is removed when its being gone already is fine (purge, a take-back, a retry).
/// </summary>
internal static class TableQueries
{
    public static async Task<List<TableEntity>> ReadAllAsync(this StorageAccount account, TableClient table, string filter, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        string? continuation = null;
        do
        {
            var page = await account.ReadPageAsync(table, filter, select, pageSize: null, continuation, cancellationToken);
            rows.AddRange(page.Values);
            continuation = NullIfEmpty(page.ContinuationToken);
        }
        while (continuation is not null);
        return rows;
    }

    /// <summary>One page of at most <paramref name="pageSize"/> rows (the service may return fewer), from where <paramref name="continuation"/> says.</summary>
    public static Task<Page<TableEntity>> ReadPageAsync(this StorageAccount account, TableClient table, string filter, IEnumerable<string>? select, int? pageSize, string? continuation, CancellationToken cancellationToken) =>
        account.CallAsync(async ct =>
        {
            await foreach (var page in table.QueryAsync<TableEntity>(filter, pageSize, select, ct).AsPages(continuation, pageSize))
                return page;
            throw new InvalidOperationException($"A query of table {table.Name} returned no page at all.");
        }, cancellationToken);

    /// <summary>Deletes a row, whatever its version; a row never written or already removed is not an error.</summary>
    public static async Task DeleteRowIfExistsAsync(this StorageAccount account, TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await account.CallAsync(ct => table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, ct), cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.IsNotFound()) { /* already gone */ }
    }

    /// <summary>The SDK's "no more pages" may be null or empty.</summary>
    public static string? NullIfEmpty(string? continuation) => string.IsNullOrEmpty(continuation) ? null : continuation;
}
