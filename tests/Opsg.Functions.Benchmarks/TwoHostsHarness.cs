using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Benchmarks.WorkflowLatencyHarness;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// Two local host processes on one storage account and one task hub, seed 002's whole review driven for several cases at
/// once with every request sent to the two hosts in turn; then whether anything was lost or done twice: every case
/// Completed, every case's history the same events in the same numbers, one document per kind and version, one Panel
/// mail per case; and which worker holds which partition.
/// dotnet run -c Release --project tests/Opsg.Functions.Benchmarks -- twohosts [cases]
/// </summary>
public static class TwoHostsHarness
{
    private const string Hub = "twohosts";

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 6;
        await using var azurite = await Azurite.StartAsync(location: null);
        var maildev = await Maildev.Shared;
        var environment = CostHarness.TimelineSettings(maildev, Hub);
        var (first, http1) = await StartLocalHostAsync(azurite.ConnectionString, environment);
        var (second, http2) = await StartLocalHostAsync(azurite.ConnectionString, environment);
        try
        {
            using var both = new HttpClient(new Alternating(http1.BaseAddress!, http2.BaseAddress!)) { BaseAddress = http1.BaseAddress };
            var mailedBefore = (await maildev.MessagesToAsync(CostHarness.PanelAddress)).Count;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, cases).Select(i => CostHarness.OneCaseAsync(both, maildev, 100 + i)));
            Console.WriteLine($"{cases} cases at once through two local hosts on task hub '{Hub}': all Completed in {clock.Elapsed.TotalSeconds:F1} s");

            var ids = new List<string>();
            var histograms = new List<string>();
            var problems = new List<string>();
            var listed = (await (await SendAsync(http1, HttpMethod.Get, "/api/cases?top=100", SecasKey)).Content.ReadFromJsonAsync<JsonNode>())!;
            var rows = listed is JsonArray array ? array : listed["cases"]!.AsArray();
            foreach (var row in rows) ids.Add(row!["id"]?.GetValue<string>() ?? row["instanceId"]!.GetValue<string>());
            foreach (var id in ids)
            {
                var status = (await (await SendAsync(http2, HttpMethod.Get, $"/api/cases/{id}?showHistory=true", SecasKey)).Content.ReadFromJsonAsync<JsonNode>())!;
                var reports = status["reports"]!.AsArray().Select(r => $"{r!["kind"]}/v{r["version"]}").ToList();
                if (status["runtimeStatus"]!.GetValue<string>() != "Completed") problems.Add($"{id} is {status["runtimeStatus"]}");
                if (reports.Count != 4 || reports.Distinct().Count() != 4) problems.Add($"{id} has reports {string.Join(", ", reports)}");
                var events = status["historyEvents"]!.AsArray().Select(e => e!["eventType"]!.GetValue<string>()).ToList();
                histograms.Add(string.Join(", ", events.GroupBy(e => e).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")) + $" (version {status["version"]})");
            }
            var mailed = (await maildev.MessagesToAsync(CostHarness.PanelAddress)).Count - mailedBefore;
            Console.WriteLine($"cases listed: {ids.Count}; Panel mails: {mailed}; distinct histories: {histograms.Distinct().Count()}");
            foreach (var history in histograms.Distinct()) Console.WriteLine($"  {histograms.Count(h => h == history)} × {history}");
            foreach (var problem in problems) Console.WriteLine($"  PROBLEM: {problem}");

            await PrintPartitionOwnersAsync(azurite.ConnectionString, Hub);
            var ok = ids.Count == cases && mailed == cases && histograms.Distinct().Count() == 1 && problems.Count == 0;
            Console.WriteLine(ok ? "nothing lost, nothing done twice" : "CHECK FAILED");
            return ok ? 0 : 1;
        }
        finally
        {
            foreach (var process in new[] { first, second })
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>Which worker holds each of the task hub's partitions (from its partitions table).</summary>
    internal static async Task PrintPartitionOwnersAsync(string connectionString, string hub)
    {
        var partitions = new TableClient(connectionString, hub + "Partitions");
        await foreach (var lease in partitions.QueryAsync<TableEntity>())
            Console.WriteLine($"  partition {lease.RowKey}: " + string.Join(", ", lease.Where(p => p.Key.Contains("Owner", StringComparison.Ordinal)).Select(p => $"{p.Key} {p.Value}")));
    }

    /// <summary>Sends each request to the two hosts in turn.</summary>
    internal sealed class Alternating(Uri one, Uri two) : DelegatingHandler(new SocketsHttpHandler())
    {
        private int _next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var target = Interlocked.Increment(ref _next) % 2 == 0 ? one : two;
            request.RequestUri = new Uri(target, request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
