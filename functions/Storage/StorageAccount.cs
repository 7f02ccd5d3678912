using Microsoft.Extensions.Options;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.RetryPolicies;
using Microsoft.WindowsAzure.Storage.Table;

namespace Opsg.Functions.Storage;

/// <summary>The one place that turns the connection string into SDK clients.</summary>
public sealed class StorageAccount
{
    // Bounds each call end to end. Deliberately no ServerTimeout: WindowsAzure.Storage 9.3.3 adds the
    // `timeout` query parameter again on every retry of a table query and then throws
    // "An item with the same key has already been added" instead of retrying.
    private static readonly TimeSpan MaximumExecutionTime = TimeSpan.FromSeconds(10);

    public StorageAccount(IOptions<StorageOptions> options)
    {
        Options = options.Value;
        var account = CloudStorageAccount.Parse(Options.ConnectionString);
        // Short, bounded retries: a caller waiting on an HTTP answer prefers a quick 503 to a long hang.
        var retry = new LinearRetry(TimeSpan.FromMilliseconds(200), 2);

        var tables = account.CreateCloudTableClient();
        tables.DefaultRequestOptions = new TableRequestOptions { RetryPolicy = retry, MaximumExecutionTime = MaximumExecutionTime };
        var queues = account.CreateCloudQueueClient();
        queues.DefaultRequestOptions = new QueueRequestOptions { RetryPolicy = retry, MaximumExecutionTime = MaximumExecutionTime };
        var blobs = account.CreateCloudBlobClient();
        blobs.DefaultRequestOptions = new BlobRequestOptions { RetryPolicy = retry, MaximumExecutionTime = MaximumExecutionTime };

        History = tables.GetTableReference(Options.HistoryTable);
        Timers = tables.GetTableReference(Options.TimersTable);
        Links = tables.GetTableReference(Options.LinksTable);
        Meetings = tables.GetTableReference(Options.MeetingsTable);
        Activities = queues.GetQueueReference(Options.ActivityQueue);
        Poison = queues.GetQueueReference(Options.PoisonQueue);
        Reports = blobs.GetContainerReference(Options.ReportsContainer);
        Evidence = blobs.GetContainerReference(Options.EvidenceContainer);
        Payloads = blobs.GetContainerReference(Options.PayloadsContainer);
        Notifications = blobs.GetContainerReference(Options.NotificationsContainer);
    }

    public StorageOptions Options { get; }
    internal CloudTable History { get; }
    internal CloudTable Timers { get; }
    internal CloudTable Links { get; }
    internal CloudTable Meetings { get; }
    internal CloudQueue Activities { get; }
    internal CloudQueue Poison { get; }
    internal CloudBlobContainer Reports { get; }
    internal CloudBlobContainer Evidence { get; }
    internal CloudBlobContainer Payloads { get; }
    internal CloudBlobContainer Notifications { get; }

    /// <summary>Creates what is missing; safe to run on every start.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { History, Timers, Links, Meetings })
            await table.CreateIfNotExistsAsync(null, null, cancellationToken);
        foreach (var queue in new[] { Activities, Poison })
            await queue.CreateIfNotExistsAsync(null, null, cancellationToken);
        // Private containers: nothing is ever served straight from Blob storage without our checks.
        foreach (var container in new[] { Reports, Evidence, Payloads, Notifications })
            await container.CreateIfNotExistsAsync(BlobContainerPublicAccessType.Off, null, null, cancellationToken);
    }

    /// <summary>What the health endpoint reports: each resource and whether it answered.</summary>
    public async Task<IReadOnlyDictionary<string, string>> CheckAsync(CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, string>();
        async Task Probe(string name, Func<Task<bool>> exists)
        {
            try { results[name] = await exists() ? "ok" : "missing"; }
            catch (StorageException ex) { results[name] = "unreachable: " + ex.Message; }
        }
        await Probe($"table:{History.Name}", () => History.ExistsAsync(null, null, cancellationToken));
        await Probe($"table:{Timers.Name}", () => Timers.ExistsAsync(null, null, cancellationToken));
        await Probe($"table:{Links.Name}", () => Links.ExistsAsync(null, null, cancellationToken));
        await Probe($"table:{Meetings.Name}", () => Meetings.ExistsAsync(null, null, cancellationToken));
        await Probe($"queue:{Activities.Name}", () => Activities.ExistsAsync(null, null, cancellationToken));
        await Probe($"container:{Reports.Name}", () => Reports.ExistsAsync(null, null, cancellationToken));
        await Probe($"container:{Evidence.Name}", () => Evidence.ExistsAsync(null, null, cancellationToken));
        return results;
    }
}
