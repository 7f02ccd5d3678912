using System.Diagnostics;
using System.Globalization;
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
using Microsoft.Extensions.Options;
using Opsg.DevHost;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Benchmarks.WorkflowLatencyHarness;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// A quiet command with no number reservation (a post-meeting note on a case; a submission) next to the bare Table
/// insert of the same run, from outside (HTTP round trip) and split into its parts, each measured bare from here on
/// the same Azurite: the case's partition query, the fold, the Idempotency-Key point read, an entity-group batch of
/// the same rows, and a raise through a DurableTaskClient. Two local hosts run side by side on the same Azurite, one
/// with the record cache and one without (Records__CacheCapacity=0), their commands interleaved, so both are measured
/// under the same conditions.
/// </summary>
public static class CommandFloorHarness
{
    private static readonly object Note = new { effect = "clarification", lsc = 9, text = "A clarification recorded after the meeting, as a bench note." };

    public static async Task<int> RunAsync(string[] args)
    {
        var notes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
        Console.WriteLine($"machine load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        await using var azurite = await Azurite.StartAsync(location: null);
        var insert = await TableInsertsAsync(azurite.ConnectionString, notes * 4);
        Print("bare Table insert (the floor)", insert);
        var floor = Percentile(insert, 50);

        var hosts = new List<(string Name, Process Process, HttpClient Http)>();
        try
        {
            foreach (var (name, capacity) in new[] { ("cache on", "256"), ("cache off", "0") })
            {
                var (process, http) = await StartLocalHostAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Records__CacheCapacity"] = capacity });
                hosts.Add((name, process, http));
            }
            var caseIds = new List<string>();
            foreach (var host in hosts) caseIds.Add(await ReviewedCaseAsync(host.Http));

            var noteTimes = hosts.Select(_ => new List<double>()).ToList();
            var submitTimes = hosts.Select(_ => new List<double>()).ToList();
            var readTimes = hosts.Select(_ => new List<double>()).ToList();
            for (var round = 0; round < notes + 5; round++)
            {
                // Alternate which host goes first, so neither always follows the other's raise.
                foreach (var h in round % 2 == 0 ? [0, 1] : new[] { 1, 0 })
                {
                    var clock = Stopwatch.StartNew();
                    await Expect(await SendAsync(hosts[h].Http, HttpMethod.Post, $"/api/cases/{caseIds[h]}/notes", SecasKey, Note));
                    if (round >= 5) noteTimes[h].Add(clock.Elapsed.TotalMilliseconds);
                    clock.Restart();
                    await Expect(await SendAsync(hosts[h].Http, HttpMethod.Get, $"/api/cases/{caseIds[h]}", SecasKey));
                    if (round >= 5) readTimes[h].Add(clock.Elapsed.TotalMilliseconds);
                }
            }
            for (var i = 0; i < notes / 3 + 3; i++)
                foreach (var h in i % 2 == 0 ? [0, 1] : new[] { 1, 0 })
                {
                    var caseId = await OpenAsync(hosts[h].Http);
                    var clock = Stopwatch.StartNew();
                    await Expect(await SendAsync(hosts[h].Http, HttpMethod.Post, $"/api/cases/{caseId}/submissions", CostHarness.DccKey, Seed002.Submission));
                    if (i >= 3) submitTimes[h].Add(clock.Elapsed.TotalMilliseconds);
                }

            Console.WriteLine();
            for (var h = 0; h < hosts.Count; h++)
            {
                PrintAgainst($"[{hosts[h].Name}] command: post-meeting note (HTTP)", noteTimes[h], floor);
                PrintAgainst($"[{hosts[h].Name}] command: submit the readiness statement (HTTP)", submitTimes[h], floor);
                PrintAgainst($"[{hosts[h].Name}] read: GET the case (HTTP)", readTimes[h], floor);
            }
            Console.WriteLine();
            await PartsAsync(azurite.ConnectionString, caseIds[1], notes, floor);
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Process.Kill(entireProcessTree: true);
                await host.Process.WaitForExitAsync();
            }
        }
        Console.WriteLine($"machine load after: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>What a command is made of, each bare on the same Azurite, on the partition the uncached host's notes went to.</summary>
    private static async Task PartsAsync(string connectionString, string caseId, int count, double floor)
    {
        var account = new StorageAccount(Options.Create(new StorageOptions { ConnectionString = connectionString }));
        var history = new HistoryTable(account);
        var table = new TableClient(connectionString, new StorageOptions().HistoryTable);
        var rows = (await history.ReadAsync(caseId, CancellationToken.None)).Events;
        Console.WriteLine($"the case's partition: {rows.Count} events");

        var query = await TimeAsync(count, () => history.ReadAsync(caseId, CancellationToken.None));
        PrintAgainst("  partition query (rows → StoredEvent)", query, floor);
        var fold = await TimeAsync(count, () => { CaseRecord.Kind.Fold(caseId, rows.Select(CaseRecord.Kind.ToRecorded)); return Task.CompletedTask; });
        PrintAgainst("  deserialize + fold (CPU)", fold, floor);
        var keyRead = await TimeAsync(count, () => history.ReadIdempotencyAsync(caseId, Guid.NewGuid().ToString("N"), CancellationToken.None));
        PrintAgainst("  Idempotency-Key point read (absent row)", keyRead, floor);
        var headerRead = await TimeAsync(count, () => table.GetEntityAsync<TableEntity>(caseId, HistoryTable.CaseHeaderRowKey));
        PrintAgainst("  header row point read", headerRead, floor);

        // A note's append: its event row, the header rewritten, the key's row; in a partition of its own.
        var scratch = "bench-batch-" + Guid.NewGuid().ToString("N")[..8];
        var payload = rows[^1].Payload;
        var sequence = 0;
        var batch = await TimeAsync(count, () =>
        {
            sequence++;
            return table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(scratch, HistoryTable.RowKey(sequence)) { ["Type"] = "PostMeetingNoteAdded", ["Payload"] = payload, ["ChainHash"] = new string('a', 64) }),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(scratch, HistoryTable.CaseHeaderRowKey) { ["Version"] = (long)sequence, ["Name"] = "Bench", ["Pending"] = "" }),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(scratch, "idem-" + Guid.NewGuid().ToString("N")) { ["RequestHash"] = new string('b', 64), ["Body"] = "{}", ["Version"] = (long)sequence }),
            ]);
        });
        PrintAgainst("  entity-group append (event + header + key row)", batch, floor);
        PrintAgainst("  raise through DurableTaskClient (bare sidecar)", await RaisesAsync(connectionString, count), floor);
    }

    private static async Task<List<double>> TimeAsync(int count, Func<Task> call)
    {
        var times = new List<double>();
        for (var i = 0; i < count + 5; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            if (i >= 5) times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times;
    }

    /// <summary>RaiseEventAsync to a running orchestration that waits for events, on a task hub of its own with host.json's settings.</summary>
    private static async Task<List<double>> RaisesAsync(string connectionString, int count)
    {
        var settings = HostJson.Load(AppContext.BaseDirectory, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OpsgTaskHub"] = "x" }).Build());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = connectionString }).Build();
        await using var sidecar = new DurableSidecar(settings with { TaskHub = "benchraise" + Guid.NewGuid().ToString("N")[..8] }, configuration, NullLoggerFactory.Instance);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(sidecar);
        builder.Services.AddHostedService(s => s.GetRequiredService<DurableSidecar>());
        builder.Services.AddDurableTaskWorker(w => w.UseGrpc().AddTasks(r => r.AddOrchestratorFunc<int, int>("Waiter", async (context, n) =>
        {
            for (var i = 0; i < n; i++) await context.WaitForExternalEvent<string>("Changed");
            return n;
        })));
        builder.Services.AddOptions<GrpcDurableTaskWorkerOptions>().Configure<DurableSidecar>((o, s) => o.Channel = s.Channel);
        builder.Services.AddDurableTaskClient(c => c.UseGrpc());
        builder.Services.AddOptions<GrpcDurableTaskClientOptions>().Configure<DurableSidecar>((o, s) => o.Channel = s.Channel);
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Waiter", count + 5);
        await client.WaitForInstanceStartAsync(id);
        var times = await TimeAsync(count, () => client.RaiseEventAsync(id, "Changed", "x"));
        await client.WaitForInstanceCompletionAsync(id);
        await host.StopAsync();
        return times;
    }

    private static async Task<string> OpenAsync(HttpClient http)
    {
        var opened = await SendAsync(http, HttpMethod.Post, "/api/cases", SecasKey, Seed002.OpenCaseAt("OPSG_29"));
        await Expect(opened);
        return (await opened.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
    }

    /// <summary>A case submitted, its review opened and its meeting recorded: notes may be added from here on.</summary>
    private static async Task<string> ReviewedCaseAsync(HttpClient http)
    {
        var caseId = await OpenAsync(http);
        await Expect(await SendAsync(http, HttpMethod.Post, $"/api/cases/{caseId}/submissions", CostHarness.DccKey, Seed002.Submission));
        await Expect(await SendAsync(http, HttpMethod.Post, $"/api/cases/{caseId}/review", SecasKey, Seed002Review.OpenReview));
        await Expect(await SendAsync(http, HttpMethod.Put, $"/api/cases/{caseId}/meeting", SecasKey, Seed002Review.Meeting));
        return caseId;
    }

    private static void PrintAgainst(string what, List<double> times, double floor)
    {
        var (p50, p95) = (Percentile(times, 50), Percentile(times, 95));
        Console.WriteLine($"{what}: p50 {p50:F1} ms ({p50 / floor:F1}×), p95 {p95:F1} ms ({p95 / floor:F1}×), max {times.Max():F1} ms (n = {times.Count})");
    }
}
