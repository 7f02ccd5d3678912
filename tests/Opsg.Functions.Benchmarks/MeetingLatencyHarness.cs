using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Opsg.Functions.Http;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Benchmarks.WorkflowLatencyHarness;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// Meetings side by side with their floors, in one run on one Azurite: the actions register across 100 stored
/// meetings (<see cref="ManyMeetings"/>) against a bare query of every row of the history table, and a meeting's
/// commands through the local host's HTTP API against a bare Table insert.
/// dotnet run -c Release --project tests/Opsg.Functions.Benchmarks -- meetings [commands] [register reads]
/// </summary>
public static class MeetingLatencyHarness
{
    // The local host and this process share the tables under one prefix, so the register the host reads is the one
    // written here, and the history table holds nothing else while the register is timed.
    private const string Prefix = "bench";

    public static async Task<int> RunAsync(string[] args)
    {
        var commands = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
        var reads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        await using var azurite = await Azurite.StartAsync(location: null);
        var options = new StorageOptions { ConnectionString = azurite.ConnectionString, NamePrefix = Prefix };
        var account = new StorageAccount(Options.Create(options));
        await account.EnsureCreatedAsync(CancellationToken.None);
        var history = new HistoryTable(account);
        // Cold: nothing held, every partition read, as the first list after a start. Held: this process folded every
        // meeting before and nothing changed since, so only the headers are read.
        var store = new MeetingStore(history, MeetingRecord.Kind, new Opsg.Functions.Records.RecordCacheSize(0));
        var holding = new MeetingStore(history, MeetingRecord.Kind);
        // Half held: a store with more meetings than its cache holds, as any store becomes once it outgrows the default.
        var built = ManyMeetings.Build();
        var halfHolding = new MeetingStore(history, MeetingRecord.Kind, new Opsg.Functions.Records.RecordCacheSize(built.Count / 2));
        var on = ManyMeetings.After(built);
        var written = Stopwatch.StartNew();
        foreach (var meeting in built) await WriteAsync(history, meeting);
        var rows = built.Sum(b => b.History.Count + 1);
        Console.WriteLine($"{built.Count} meetings written ({rows} rows, {built.Sum(b => b.State.Actions.Count())} actions, " +
            $"{built.Sum(b => b.State.Reviews.Count())} reviews) in {written.Elapsed.TotalSeconds:F1} s; register read on {on:yyyy-MM-dd}");

        var insert = await TableInsertsAsync(azurite.ConnectionString, commands * 5);
        Print("bare Table insert (floor for commands)", insert);

        var (process, http) = await StartLocalHostAsync(azurite.ConnectionString, new Dictionary<string, string> { ["Storage__NamePrefix"] = Prefix });
        try
        {
            var table = new TableClient(azurite.ConnectionString, options.HistoryTable);
            var ids = built.Select(b => b.State.MeetingId).ToList();
            var scan = new List<double>();
            var partitions = new List<double>();
            var loadAndFold = new List<double>();
            var register = new List<double>();
            var held = new List<double>();
            var halfHeld = new List<double>();
            var overHttp = new List<double>();
            for (var i = 0; i < reads + 2; i++)
            {
                var clock = Stopwatch.StartNew();
                var scanned = 0;
                await foreach (var _ in table.QueryAsync<TableEntity>()) scanned++;
                var scanMs = clock.Elapsed.TotalMilliseconds;

                clock.Restart();
                var partitionRows = 0;
                await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, token) =>
                {
                    var count = 0;
                    await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == id, cancellationToken: token)) count++;
                    Interlocked.Add(ref partitionRows, count);
                });
                var partitionsMs = clock.Elapsed.TotalMilliseconds;

                clock.Restart();
                var meetings = await store.LoadAllAsync(CancellationToken.None);
                var loadMs = clock.Elapsed.TotalMilliseconds;
                var registerRows = RegisterRows.On(ActionsAcrossMeetings.From(meetings), on);
                var registerMs = clock.Elapsed.TotalMilliseconds;

                clock.Restart();
                var heldMeetings = await holding.LoadAllAsync(CancellationToken.None);
                var heldMs = clock.Elapsed.TotalMilliseconds;

                clock.Restart();
                var halfHeldMeetings = await halfHolding.LoadAllAsync(CancellationToken.None);
                var halfHeldMs = clock.Elapsed.TotalMilliseconds;

                clock.Restart();
                var json = await RegisterOverHttpAsync(http, on);
                var httpMs = clock.Elapsed.TotalMilliseconds;

                if (scanned != rows || partitionRows != rows || meetings.Count != built.Count || heldMeetings.Count != built.Count || halfHeldMeetings.Count != built.Count || registerRows.Count != built.Sum(b => b.State.Actions.Count()))
                    throw new InvalidOperationException($"Read {scanned} rows, {partitionRows} by partition, {meetings.Count} meetings, {registerRows.Count} register rows.");
                if (i == 0) Console.WriteLine($"register over HTTP: {json.Length:N0} characters of JSON");
                if (i < 2) continue; // warm-up
                scan.Add(scanMs); partitions.Add(partitionsMs); loadAndFold.Add(loadMs); register.Add(registerMs); held.Add(heldMs); halfHeld.Add(halfHeldMs); overHttp.Add(httpMs);
            }
            Print($"bare query of every history row ({rows} rows, one scan; floor for the register)", scan);
            Print("bare query of each meeting's partition, 8 at a time (the register's I/O without deserializing)", partitions);
            Print("MeetingStore.LoadAllAsync, cold (headers, partitions, deserialize, fold)", loadAndFold);
            Print("LoadAllAsync cold + ActionsAcrossMeetings.From + RegisterRows.On", register);
            Print("MeetingStore.LoadAllAsync, held (headers only: nothing changed since this process folded them)", held);
            Print($"MeetingStore.LoadAllAsync, cache of {built.Count / 2} (half the meetings held; the rest read each time)", halfHeld);
            Print("GET /api/actions-register as JSON, closed included (HTTP round trip; the host holds the meetings; no cases)", overHttp);

            var create = new List<double>();
            var item = new List<double>();
            var outcome = new List<double>();
            var action = new List<double>();
            var note = new List<double>();
            for (var i = 0; i < commands + 3; i++)
            {
                var one = await OneMeetingAsync(http, 9000 + i);
                if (i < 3) continue; // warm-up
                create.Add(one.Create); item.Add(one.Item); outcome.Add(one.Outcome); action.Add(one.Action); note.Add(one.Note);
            }
            Print("command: create a meeting (HTTP round trip)", create);
            Print("command: add an agenda item (HTTP round trip)", item);
            Print("command: record an outcome (HTTP round trip)", outcome);
            Print("command: raise an action (HTTP round trip, reserves a number)", action);
            Print("command: add a post-meeting note (HTTP round trip)", note);
            Console.WriteLine($"goal: command p95 ≤ 5 × insert p50 = {5 * Percentile(insert, 50):F1} ms; " +
                $"register p95 {Percentile(register, 95):F0} ms next to scan p95 {Percentile(scan, 95):F0} ms");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return 0;
    }

    /// <summary>One append per meeting, as one command would write it: its events, and its header row from its summary.</summary>
    private static async Task WriteAsync(HistoryTable history, BuiltMeeting meeting)
    {
        var kind = MeetingRecord.Kind;
        var s = meeting.State;
        var summary = kind.Process.Summarise(s);
        var events = meeting.History.Select(e => new NewEvent(kind.Events.NameOf(e.Event), kind.Events.Serialize(e.Event), e.Actor.Role.ToString(), e.Actor.Name, e.Time, null)).ToList();
        var header = new CaseHeader(s.Id, s.Version, summary.Name, s.CreatedTime, s.LastUpdatedTime, summary.RuntimeStatus, summary.Stage, summary.PendingSteps);
        var result = await history.AppendAsync(new AppendRequest(s.Id, 0, events, header, null, kind.HeaderRowKey), CancellationToken.None);
        if (result.Outcome != AppendOutcome.Appended) throw new InvalidOperationException($"{s.Id}: {result.Outcome}.");
    }

    private static async Task<string> RegisterOverHttpAsync(HttpClient http, DateOnly on)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/actions-register?includeClosed=true&asOf={on:yyyy-MM-dd}");
        request.Headers.Add("X-Api-Key", SecasKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(QueryValues.JsonMediaType));
        using var response = await http.SendAsync(request);
        await Expect(response);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<(double Create, double Item, double Outcome, double Action, double Note)> OneMeetingAsync(HttpClient http, int number)
    {
        var id = $"OPSG_{number.ToString(CultureInfo.InvariantCulture)}";
        async Task<double> Timed(HttpMethod method, string url, object body)
        {
            var clock = Stopwatch.StartNew();
            using var response = await SendAsync(http, method, url, SecasKey, body);
            var ms = clock.Elapsed.TotalMilliseconds;
            await Expect(response);
            return ms;
        }
        var create = await Timed(HttpMethod.Post, "/api/meetings", new
        {
            meetingId = id, kind = "ordinary", date = "2020-02-28", startTime = "10:00", endTime = "16:00",
            venue = "Gemserv, London", classification = "publishable", nextMeetingDate = "2020-03-27",
        });
        var item = await Timed(HttpMethod.Post, $"/api/meetings/{id}/items", new
        {
            number = 1, title = "Major Incidents", narrative = new[] { new { heading = (string?)null, text = "SECAS presented its review of the incident." } },
        });
        var outcome = await Timed(HttpMethod.Post, $"/api/meetings/{id}/items/1/outcomes", new { verb = "noted", text = "the review.", points = new[] { "The root cause is known." } });
        var action = await Timed(HttpMethod.Post, $"/api/meetings/{id}/items/1/actions", new { text = "DCC to report on the fix.", owner = "DCC", target = "2020-03-27" });
        var note = await Timed(HttpMethod.Post, $"/api/meetings/{id}/notes", new { item = 1, on = "2020-03-02", text = "The fix was deployed." });
        return (create, item, outcome, action, note);
    }
}
