using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Opsg.DevHost;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// The workflow side by side with its floors, in one run on one Azurite: a command against a bare Table insert,
/// the readiness pack and a requested report against a bare one-activity Durable orchestration on the same
/// backend and settings (host.json's), start → health, and the local host's memory while 20 cases run at once.
/// </summary>
public static class WorkflowLatencyHarness
{
    internal const string SecasKey = "bench-secas";
    private const string DccKey = "bench-dcc";

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        await using var azurite = await Azurite.StartAsync(location: null);
        var hostJson = HostJson.Load(AppContext.BaseDirectory, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OpsgTaskHub"] = "x" }).Build());
        Console.WriteLine($"Azure Storage provider: partitions {hostJson.PartitionCount}, maxQueuePollingInterval {hostJson.MaxQueuePollingInterval} (host.json); {cases} cases, one at a time");

        var insert = await TableInsertsAsync(azurite.ConnectionString, cases * 5);
        Print("bare Table insert (floor for commands)", insert);
        var bare = await BareOrchestrationsAsync(azurite.ConnectionString, hostJson, cases);
        Print("bare one-activity orchestration, start → completed (floor for the workflow)", bare);

        var started = Stopwatch.StartNew();
        var (process, http) = await StartLocalHostAsync(azurite.ConnectionString);
        Console.WriteLine($"local host start → health 200: {started.Elapsed.TotalSeconds:F1} s (built beforehand)");
        try
        {
            var open = new List<double>();
            var submit = new List<double>();
            var pack = new List<double>();
            var report = new List<double>();
            for (var i = 0; i < cases + 3; i++)
            {
                var one = await OneCaseAsync(http);
                if (i < 3) continue; // warm-up
                open.Add(one.Open); submit.Add(one.Submit); pack.Add(one.Pack); report.Add(one.Report);
            }
            Print("command: open a case (HTTP round trip)", open);
            Print("command: submit the readiness statement (HTTP round trip)", submit);
            Print("submission → readiness pack visible in GET status", pack);
            Print("report request → report visible in GET status", report);
            Console.WriteLine($"goals: command p95 {Percentile(submit, 95):F1} ms ≤ 5 × insert p50 = {5 * Percentile(insert, 50):F1} ms; " +
                $"pack p95 {Percentile(pack, 95):F0} ms and report p95 {Percentile(report, 95):F0} ms ≤ 1.5 × bare p95 = {1.5 * Percentile(bare, 95):F0} ms");

            var memory = new WorkingSetSampler(process, TimeSpan.FromMilliseconds(50));
            var burst = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => OneCaseAsync(http)));
            await memory.DisposeAsync();
            Console.WriteLine($"20 cases at once: all reports out in {burst.Elapsed.TotalSeconds:F1} s; local host working set {memory.IdleMb:F0} MB idle → {memory.PeakMb:F0} MB peak");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return 0;
    }

    /// <summary>
    /// <paramref name="count"/> single-row inserts after 10 of warm-up, <paramref name="concurrency"/> at a time (each
    /// writer in a partition of its own, as each case is): the floor for a command.
    /// </summary>
    internal static async Task<List<double>> TableInsertsAsync(string connectionString, int count, int concurrency = 1)
    {
        var table = new TableClient(connectionString, "benchfloor" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();
        var times = new List<double>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async writer =>
        {
            for (var i = Interlocked.Increment(ref next); i < count + 10; i = Interlocked.Increment(ref next))
            {
                var clock = Stopwatch.StartNew();
                await table.AddEntityAsync(new TableEntity("case" + writer.ToString(CultureInfo.InvariantCulture), i.ToString("D10", CultureInfo.InvariantCulture)) { ["Payload"] = new string('x', 400) });
                if (i >= 10) lock (times) times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }));
        return times;
    }

    /// <summary>
    /// <paramref name="count"/> one-activity orchestrations, start → completed, after 3 of warm-up, <paramref name="concurrency"/>
    /// at a time, on a task hub of their own with host.json's settings: the floor for the workflow.
    /// </summary>
    internal static async Task<List<double>> BareOrchestrationsAsync(string connectionString, HostJson settings, int count, int concurrency = 1)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = connectionString }).Build();
        await using var sidecar = new DurableSidecar(settings with { TaskHub = "benchfloor" + Guid.NewGuid().ToString("N")[..8] }, configuration, NullLoggerFactory.Instance);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(sidecar);
        builder.Services.AddHostedService(s => s.GetRequiredService<DurableSidecar>());
        builder.Services.AddDurableTaskWorker(w => w.UseGrpc().AddTasks(r => r
            .AddOrchestratorFunc<string, string>("Bare", (context, input) => context.CallActivityAsync<string>("Echo", input))
            .AddActivityFunc<string, string>("Echo", (_, input) => input)));
        builder.Services.AddOptions<GrpcDurableTaskWorkerOptions>().Configure<DurableSidecar>((o, s) => o.Channel = s.Channel);
        builder.Services.AddDurableTaskClient(c => c.UseGrpc());
        builder.Services.AddOptions<GrpcDurableTaskClientOptions>().Configure<DurableSidecar>((o, s) => o.Channel = s.Channel);
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var times = new List<double>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            for (var i = Interlocked.Increment(ref next); i < count + 3; i = Interlocked.Increment(ref next))
            {
                var clock = Stopwatch.StartNew();
                var id = await client.ScheduleNewOrchestrationInstanceAsync("Bare", "x");
                await client.WaitForInstanceCompletionAsync(id);
                if (i >= 3) lock (times) times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }));
        await host.StopAsync();
        return times;
    }

    internal static async Task<(Process, HttpClient)> StartLocalHostAsync(string connectionString, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Opsg.DevHost.dll")}\"")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AzureWebJobsStorage"] = connectionString;
        start.Environment["OpsgTaskHub"] = "bench" + Guid.NewGuid().ToString("N")[..8];
        start.Environment["OpsgRepairSchedule"] = "0 */5 * * * *";
        start.Environment["DevHost__Port"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["Auth__ApiKeys__Secas"] = SecasKey;
        start.Environment["Auth__ApiKeys__Dcc"] = DccKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        // BENCH_HOST_LOG=1 shows the local host's own output, for a host that never answers health.
        var echo = Environment.GetEnvironmentVariable("BENCH_HOST_LOG") is not null;
        process.OutputDataReceived += (_, e) => { if (echo && e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (echo && e.Data is not null) Console.Error.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        while (true)
        {
            try { if ((await http.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK) return (process, http); }
            catch (HttpRequestException) { }
            if (process.HasExited) throw new InvalidOperationException($"The local host exited with {process.ExitCode} before answering health (BENCH_HOST_LOG=1 shows why).");
            await Task.Delay(20);
        }
    }

    private static async Task<(double Open, double Submit, double Pack, double Report)> OneCaseAsync(HttpClient http)
    {
        var clock = Stopwatch.StartNew();
        var open = await SendAsync(http, HttpMethod.Post, "/api/cases", SecasKey, new { title = "Bench", classification = "publishable", meetingId = "OPSG_1", meetingDate = "2020-02-28" });
        var openMs = clock.Elapsed.TotalMilliseconds;
        var caseId = (await open.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();

        clock.Restart();
        var submitted = await SendAsync(http, HttpMethod.Post, $"/api/cases/{caseId}/submissions", DccKey, Submission);
        var submitMs = clock.Elapsed.TotalMilliseconds;
        if (!submitted.IsSuccessStatusCode) throw new InvalidOperationException($"Submission answered {(int)submitted.StatusCode}.");
        await UntilReportsAsync(http, caseId, 1);
        var packMs = clock.Elapsed.TotalMilliseconds;

        await Expect(await SendAsync(http, HttpMethod.Post, $"/api/cases/{caseId}/review", SecasKey, new { meetingDate = "2020-02-28" }));
        await Expect(await SendAsync(http, HttpMethod.Put, $"/api/cases/{caseId}/meeting", SecasKey, new
        {
            date = "2020-02-28", startTime = "12:30", endTime = "14:30", venue = "Gemserv, London",
            attendees = new object[]
            {
                new { name = "Dave Warner", constituency = "operationsGroupChair", teleconference = true },
                new { name = "Veronica Asantewaa", constituency = "otherParticipant", organisation = "SECAS", role = "Meeting Secretary" },
            },
        }));
        clock.Restart();
        var requested = await SendAsync(http, HttpMethod.Post, $"/api/cases/{caseId}/reports", SecasKey, new { kinds = new[] { "draft-minutes" } });
        if (!requested.IsSuccessStatusCode) throw new InvalidOperationException($"Report request answered {(int)requested.StatusCode}: {await requested.Content.ReadAsStringAsync()}");
        await UntilReportsAsync(http, caseId, 2);
        return (openMs, submitMs, packMs, clock.Elapsed.TotalMilliseconds);
    }

    internal static async Task Expect(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task UntilReportsAsync(HttpClient http, string caseId, int count)
    {
        for (var polls = 0; polls < 20_000; polls++)
        {
            var status = (await (await SendAsync(http, HttpMethod.Get, $"/api/cases/{caseId}", SecasKey)).Content.ReadFromJsonAsync<JsonNode>())!;
            // An answer without reports (a 503 while the machine is saturated) is polled again, not counted.
            if (status["reports"]?.AsArray().Count >= count) return;
            await Task.Delay(5);
        }
        throw new TimeoutException($"Case {caseId}: report {count} never showed in the status.");
    }

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string key, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await http.SendAsync(request);
    }

    internal static void Print(string what, List<double> times) =>
        Console.WriteLine($"{what}: p50 {Percentile(times, 50):F1} ms, p95 {Percentile(times, 95):F1} ms, max {times.Max():F1} ms (n = {times.Count})");

    internal static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }


    private static readonly object Submission = new
    {
        subject = new { capability = "SMETS1 MOC", deviceModelCombination = "MDS Elster", panelAsk = "update the Eligible Products Combination List" },
        cohort = new { activeInstallations = 98218, dormantInstallations = 43154 },
        opsgScope = new[] { 1, 2 },
        tagScope = new[] { 4 },
        criteria = new[]
        {
            new { lsc = 1, statement = "All components are built, tested and deployed." },
            new { lsc = 2, statement = "Incident processes cover the new estate." },
        },
        risks = new[] { new { number = 3, title = "No end-to-end capacity test", explanation = "Small cohort.", proposal = "accept" } },
    };
}
