using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Opsg.DevHost;

/// <summary>
/// The settings of host.json this host honours, read the way the Functions host reads them: an app setting
/// AzureFunctionsJobHost__path__to__value overrides the file (tests use that to poll faster), and %Name% is
/// replaced by the app setting Name.
/// </summary>
public sealed partial record HostJson(
    string RoutePrefix,
    string TaskHub,
    string StorageConnectionName,
    int PartitionCount,
    TimeSpan MaxQueuePollingInterval,
    TimeSpan ControlQueueVisibilityTimeout,
    TimeSpan WorkItemQueueVisibilityTimeout)
{
    public static HostJson Load(string folder, IConfiguration configuration)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "host.json"))) ?? new JsonObject();
        string? Read(string path)
        {
            var overridden = configuration["AzureFunctionsJobHost:" + path.Replace('.', ':')];
            if (overridden is not null) return overridden;
            JsonNode? node = root;
            foreach (var part in path.Split('.')) node = node?[part];
            return node?.ToString();
        }
        string Resolve(string value) => AppSetting().Replace(value, m =>
            configuration[m.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal)] ?? throw new InvalidOperationException($"host.json names the app setting {m.Value}, which is not set."));

        return new HostJson(
            Read("extensions.http.routePrefix") ?? "api",
            Resolve(Read("extensions.durableTask.hubName") ?? "TestHubName"),
            Read("extensions.durableTask.storageProvider.connectionName") ?? "AzureWebJobsStorage",
            int.Parse(Read("extensions.durableTask.storageProvider.partitionCount") ?? "4", CultureInfo.InvariantCulture),
            TimeSpan.Parse(Read("extensions.durableTask.storageProvider.maxQueuePollingInterval") ?? "00:00:30", CultureInfo.InvariantCulture),
            // How long a message taken by a process that then died stays invisible before another takes it (Durable's defaults: 5 minutes).
            TimeSpan.Parse(Read("extensions.durableTask.storageProvider.controlQueueVisibilityTimeout") ?? "00:05:00", CultureInfo.InvariantCulture),
            TimeSpan.Parse(Read("extensions.durableTask.storageProvider.workItemQueueVisibilityTimeout") ?? "00:05:00", CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex AppSetting();
}
