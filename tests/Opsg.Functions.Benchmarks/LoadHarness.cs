using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Opsg.DevHost;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Benchmarks.WorkflowLatencyHarness;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// A year of OPSG business at several times the real rate, through one local host's HTTP API over loopback: seed 004's
/// meeting (20 items, 18 actions, 10 imported and reviewed, minutes) for each of <c>meetings</c> meetings and seed
/// 002's whole readiness review (submission, evidence, TAG view, review, actions, decisions, notes, Panel decision,
/// reports, Panel mailing and link, minutes approved → Completed) for each of <c>cases</c> cases, <c>concurrency</c>
/// timelines at a time, bounded by a deadline. Beside it, on the same Azurite at the same concurrency, the bare Table
/// insert and the bare one-activity orchestration; the host's working set sampled throughout. Then the checks: every
/// accepted command is in its record exactly once (one append per Idempotency-Key, as many as were accepted; one
/// replay per case answered without recording), every case Completed with the same history, one report blob per
/// reported version, one Panel mail per case, one minutes blob per meeting.
/// dotnet run -c Release --project tests/Opsg.Functions.Benchmarks -- load [cases] [meetings] [concurrency] [deadline minutes] [hosts]
/// With hosts 2, two local host processes run on the one storage account and task hub, and every request goes to them
/// in turn (the checks then say whether two processes lost or doubled anything).
/// </summary>
public static class LoadHarness
{
    private const string Hub = "loadhub";
    private const string EngineRole = "Engine";

    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var cases = Arg(0, 40);
        var meetings = Arg(1, 6);
        var concurrency = Arg(2, 8);
        var deadline = TimeSpan.FromMinutes(Arg(3, 10));
        var hosts = Math.Clamp(Arg(4, 1), 1, 2);
        var total = Stopwatch.StartNew();
        await using var azurite = await Azurite.StartAsync(location: null);
        var maildev = await Maildev.Shared;
        var hostJson = HostJson.Load(AppContext.BaseDirectory, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["OpsgTaskHub"] = "x" }).Build());
        Console.WriteLine($"load: {cases} cases and {meetings} meetings, {concurrency} at a time, deadline {deadline.TotalMinutes:F0} min; " +
            $"{Environment.ProcessorCount} cores; Azure Storage provider, partitions {hostJson.PartitionCount}, maxQueuePollingInterval {hostJson.MaxQueuePollingInterval}");

        var insert = await TableInsertsAsync(azurite.ConnectionString, Math.Max(200, 25 * concurrency), concurrency);
        var bare = await BareOrchestrationsAsync(azurite.ConnectionString, hostJson, Math.Max(40, 5 * concurrency), concurrency);
        Progress(total, "floors measured");

        var (process, first) = await StartLocalHostAsync(azurite.ConnectionString, CostHarness.TimelineSettings(maildev, Hub));
        var (second, other) = hosts == 2 ? await StartLocalHostAsync(azurite.ConnectionString, CostHarness.TimelineSettings(maildev, Hub)) : (null, null);
        using var http = other is null ? first : new HttpClient(new TwoHostsHarness.Alternating(first.BaseAddress!, other.BaseAddress!)) { BaseAddress = first.BaseAddress };
        var stages = new Stages();
        var timelines = new ConcurrentBag<Timeline>();
        var failures = new ConcurrentBag<string>();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            var memory = new WorkingSetSampler(process, TimeSpan.FromMilliseconds(100));

            // The year's work, meetings spread among the cases as they would come, taken by the workers in order.
            var work = new ConcurrentQueue<(bool Meeting, int Index)>(Enumerable.Range(0, cases).Select(i => (false, i))
                .Concat(Enumerable.Range(0, meetings).Select(k => (true, k)))
                .OrderBy(w => w.Item1 ? (w.Item2 + 0.5) * cases / Math.Max(1, meetings) : w.Item2));
            var load = Stopwatch.StartNew();
            var stopAt = DateTime.UtcNow + deadline - total.Elapsed;
            var skipped = 0;
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                while (work.TryDequeue(out var next))
                {
                    if (DateTime.UtcNow > stopAt) { Interlocked.Increment(ref skipped); continue; }
                    var timeline = new Timeline(next.Meeting ? $"loadm{next.Index:D4}" : $"loadc{next.Index:D4}", next.Meeting, stages);
                    timelines.Add(timeline);
                    try
                    {
                        if (next.Meeting) await CostHarness.OneMeetingAsync(http, timeline, 1001 + 2 * next.Index, next.Index);
                        else await CostHarness.OneCaseAsync(http, maildev, 1000 + next.Index, timeline);
                        timeline.Finished = true;
                        stages.Add(next.Meeting ? "meeting: whole timeline" : "case: whole timeline", timeline.Elapsed);
                    }
                    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or TaskCanceledException)
                    {
                        failures.Add($"{timeline.Tag} {timeline.Id}: {e.Message}");
                    }
                }
            })));
            var elapsed = load.Elapsed;
            await memory.DisposeAsync();
            Progress(total, "load done");

            var done = timelines.Where(t => t.Finished).ToList();
            var commands = timelines.Sum(t => t.Accepted);
            Console.WriteLine();
            Console.WriteLine($"{done.Count(t => !t.Meeting)} of {cases} cases and {done.Count(t => t.Meeting)} of {meetings} meetings done in {elapsed.TotalSeconds:F1} s " +
                $"({skipped} not started before the deadline, {failures.Count} failed); {commands} commands accepted: " +
                $"{commands / elapsed.TotalSeconds:F1} commands/s, {done.Count(t => !t.Meeting) / elapsed.TotalMinutes:F1} cases/min, {done.Count(t => t.Meeting) / elapsed.TotalMinutes:F2} meetings/min");
            Console.WriteLine($"local host working set{(second is null ? "" : " (the first of two)")}: {memory.IdleMb:F0} MB idle → {memory.PeakMb:F0} MB peak (sampled every 100 ms)");
            Console.WriteLine();
            Console.WriteLine($"{"stage",-58} {"n",5} {"p50 ms",9} {"p95 ms",9} {"max ms",9}");
            Row($"floor: bare Table insert, {concurrency} at a time", insert);
            Row($"floor: bare one-activity orchestration, {concurrency} at a time", bare);
            foreach (var (stage, times) in stages.All()) Row(stage, times);
            var every = stages.Get(Stages.EveryCommand);
            if (every.Count > 0)
                Console.WriteLine($"every command p50 {Percentile(every, 50) / Percentile(insert, 50):F1}× and p95 {Percentile(every, 95) / Percentile(insert, 50):F1}× the insert p50 at the same concurrency; " +
                    $"readiness pack p95 {Ratio(stages.Get("case: submitted → readiness pack in status"), bare)}× the bare orchestration p95");
            foreach (var failure in failures) Console.WriteLine($"FAILED: {failure}");

            var problems = await CheckAsync(azurite.ConnectionString, http, maildev, timelines.ToList());
            foreach (var problem in problems) Console.WriteLine($"  PROBLEM: {problem}");
            if (second is not null) await TwoHostsHarness.PrintPartitionOwnersAsync(azurite.ConnectionString, Hub);
            var ok = problems.Count == 0 && failures.IsEmpty;
            Console.WriteLine(ok ? "checks: every accepted command recorded exactly once, every document and Panel mail exactly once" : "CHECKS FAILED");
            Progress(total, "checked");
            return ok ? 0 : 1;
        }
        finally
        {
            foreach (var host in new[] { process, second }.OfType<System.Diagnostics.Process>())
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
            }
        }
    }

    private static string Ratio(List<double> times, List<double> floor) => times.Count == 0 ? "–" : (Percentile(times, 95) / Percentile(floor, 95)).ToString("F1", CultureInfo.InvariantCulture);

    private static void Row(string stage, List<double> times) =>
        Console.WriteLine($"{stage,-58} {times.Count,5} {Percentile(times, 50),9:F1} {Percentile(times, 95),9:F1} {times.Max(),9:F1}");

    private static void Progress(Stopwatch total, string what) => Console.Error.WriteLine($"[{total.Elapsed.TotalSeconds,6:F1} s] {what}");

    /// <summary>Waits for a mail to <paramref name="address"/> whose subject carries <paramref name="tag"/>; a deadline, not a timing assertion.</summary>
    internal static async Task WaitForSubjectAsync(Maildev maildev, string address, string tag, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while ((await maildev.MessagesToAsync(address)).All(m => m["subject"]?.GetValue<string>().Contains(tag, StringComparison.Ordinal) != true))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No mail for {tag} reached {address} within {seconds} s.");
            await Task.Delay(250);
        }
    }

    /// <summary>What the record, the blobs and the mailbox hold for every timeline that got as far as naming its record.</summary>
    private static async Task<List<string>> CheckAsync(string connectionString, HttpClient http, Maildev maildev, List<Timeline> timelines)
    {
        var problems = new List<string>();
        var history = new TableClient(connectionString, "OpsgHistory");
        var reports = new BlobContainerClient(connectionString, "reports");
        var blobs = new List<string>();
        await foreach (var blob in reports.GetBlobsAsync()) blobs.Add(blob.Name);
        var mails = (await maildev.MessagesToAsync(CostHarness.PanelAddress)).Select(m => m["subject"]?.GetValue<string>() ?? "").ToList();
        var histograms = new List<string>();
        var appends = 0;
        var engineAppends = 0;
        foreach (var timeline in timelines.Where(t => t.Id is not null).OrderBy(t => t.Tag, StringComparer.Ordinal))
        {
            var id = timeline.Id!;
            var events = new List<TableEntity>();
            // One append per key: a key's events are one run of sequence numbers in one record, never two.
            var runs = new List<(string Key, string Role)>();
            foreach (var record in timeline.OtherIds.Prepend(id))
            {
                var rows = new List<TableEntity>();
                await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == record)) rows.Add(row);
                var recorded = rows.Where(r => r.RowKey.Length == 10 && r.RowKey.All(char.IsAsciiDigit) && r.ContainsKey("Type")).OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
                if (record == id) events = recorded;
                var first = runs.Count;
                foreach (var e in recorded)
                {
                    var key = e.GetString("IdempotencyKey") ?? "(none)";
                    if (runs.Count == first || runs[^1].Key != key) runs.Add((key, e.GetString("ActorRole") ?? ""));
                }
            }
            var twice = runs.GroupBy(r => r.Key).Where(g => g.Count() > 1 && g.Key != "(none)").ToList();
            if (twice.Count > 0) problems.Add($"{timeline.Tag} {id}: {twice.Count} keys appended more than once");
            var byPeople = runs.Count(r => r.Role != EngineRole);
            appends += byPeople;
            engineAppends += runs.Count(r => r.Role == EngineRole);
            if (timeline.Finished && byPeople != timeline.Accepted)
                problems.Add($"{timeline.Tag} {id}: {timeline.Accepted} commands accepted, {byPeople} appends by people in the record");
            if (timeline.Replays != timeline.ReplaysAnswered) problems.Add($"{timeline.Tag} {id}: {timeline.Replays - timeline.ReplaysAnswered} replays not answered as replays: {string.Join("; ", timeline.ReplayAnswers)}");

            var status = (await (await SendAsync(http, HttpMethod.Get, (timeline.Meeting ? "/api/meetings/" : "/api/cases/") + id, SecasKey)).Content.ReadFromJsonAsync<JsonNode>())!;
            var documents = (timeline.Meeting ? status["minutes"] : status["reports"])?.AsArray().Select(r => $"{id}/{r!["kind"]?.GetValue<string>() ?? "minutes"}/v{r["version"]}.html").ToList() ?? [];
            var stored = blobs.Where(b => b.StartsWith(id + "/", StringComparison.Ordinal)).ToList();
            if (stored.Count != documents.Count || documents.Distinct().Count() != documents.Count)
                problems.Add($"{timeline.Tag} {id}: documents in status {string.Join(", ", documents)}; blobs {string.Join(", ", stored)}");
            if (!timeline.Meeting)
            {
                var mailed = mails.Count(s => s.Contains(timeline.Tag, StringComparison.Ordinal));
                if (timeline.Finished && (mailed != 1 || documents.Count != 4)) problems.Add($"{timeline.Tag} {id}: {mailed} Panel mails, {documents.Count} reports");
                if (timeline.Finished)
                {
                    if (status["runtimeStatus"]?.GetValue<string>() != "Completed") problems.Add($"{timeline.Tag} {id} is {status["runtimeStatus"]}");
                    // The links the harness itself issued again are its doing, not the app's.
                    histograms.Add(string.Join(", ", events.GroupBy(e => e.GetString("Type")).OrderBy(g => g.Key, StringComparer.Ordinal)
                        .Select(g => $"{g.Key} {g.Count() - (g.Key == "LinkIssued" ? timeline.LinksIssuedAgain : 0)}")));
                }
            }
            else if (timeline.Finished && documents.Count != 1) problems.Add($"{timeline.Tag} {id}: {documents.Count} minutes");
        }
        Console.WriteLine($"records checked: {timelines.Count(t => t.Id is not null)}; appends by people {appends} for {timelines.Sum(t => t.Accepted)} commands accepted, " +
            $"{timelines.Sum(t => t.ReplaysAnswered)} of {timelines.Sum(t => t.Replays)} replays answered as replays; {timelines.Sum(t => t.Retries)} commands sent again after a 503; {engineAppends} appends by the engine; " +
            $"{blobs.Count} report blobs; {mails.Count(s => s.Contains("loadc", StringComparison.Ordinal))} Panel mails; completed cases' histories: {histograms.Distinct().Count()} distinct");
        if (histograms.Distinct().Count() > 1)
            foreach (var h in histograms.Distinct()) problems.Add($"{histograms.Count(x => x == h)} × history {h}");
        return problems;
    }
}
