using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Benchmarks.WorkflowLatencyHarness;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// What storage transactions the app spends, counted by a proxy in front of Azurite (<see cref="CountingStorageProxy"/>):
/// the local host at rest (the Durable provider's polling, partition leases and the repair timer), then seed 002's whole
/// readiness review through the HTTP API for each of a few cases one after another, then seed 004's meeting (OPSG_25:
/// 20 items, 18 actions, 10 imported and reviewed, minutes rendered). A timeline's count is net of what the app costs
/// at rest over the same time, and of the harness's own status polls, priced at what one status read costs.
/// dotnet run -c Release --project tests/Opsg.Functions.Benchmarks -- cost [cases] [idle seconds]
/// </summary>
public static class CostHarness
{
    private const string Hub = "costhub";
    internal const string TagKey = "bench-tag";
    internal const string PanelAddress = "panel@example.org";
    private static readonly string DccKey = "bench-dcc";

    private sealed record Window(string What, TimeSpan Duration, IReadOnlyDictionary<(string Service, string Owner, string Operation), int> Counts, int Polls = 0);

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var idleSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 120;
        await using var azurite = await Azurite.StartAsync(location: null);
        Progress("azurite up");
        var maildev = await Maildev.Shared;
        Progress("maildev up");
        await using var proxy = await CountingStorageProxy.StartAsync(azurite, Hub);
        Progress("proxy up");
        if (Environment.GetEnvironmentVariable("COST_CHECK") is not null)
        {
            var table = new Azure.Data.Tables.TableClient(proxy.ConnectionString, "checktable");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("p", "r"));
            Progress("table ok");
            var queue = new Azure.Storage.Queues.QueueClient(proxy.ConnectionString, "checkqueue");
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync("x");
            await queue.ReceiveMessagesAsync();
            Progress("queue ok");
            var blob = new Azure.Storage.Blobs.BlobContainerClient(proxy.ConnectionString, "checkblob");
            await blob.CreateIfNotExistsAsync();
            await blob.UploadBlobAsync("b", BinaryData.FromString("x"));
            Progress("blob ok");
            Console.WriteLine(string.Join("\n", proxy.TakeCounts().Select(c => $"{c.Key} {c.Value}")));
            return 0;
        }
        var (process, http) = await StartLocalHostAsync(proxy.ConnectionString, new Dictionary<string, string>
        {
            ["OpsgTaskHub"] = Hub,
            // Every minute rather than production's five, so a two-minute window sees whole runs; scaled below.
            ["OpsgRepairSchedule"] = "0 */1 * * * *",
            ["Auth__ApiKeys__Tag"] = TagKey,
            ["Auth__ApiKeys__Panel"] = "bench-panel",
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail__TlsMode"] = "None",
            ["Mail__PanelRecipients"] = $"SEC Panel <{PanelAddress}>",
            ["Mail__SecretariatRecipients"] = "SECAS <secas@example.org>",
            ["Mail__DccRecipients"] = "DCC <dcc@example.org>",
        });
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            Progress("host up");
            var startup = new Window("start-up (host start → 10 s later)", TimeSpan.FromSeconds(10), proxy.TakeCounts());

            var windows = new List<Window>();
            for (var i = 0; i < cases; i++)
            {
                proxy.TakeCounts();
                var clock = Stopwatch.StartNew();
                var polls = await OneCaseAsync(http, maildev, i);
                windows.Add(new Window($"case {i + 1}", clock.Elapsed, proxy.TakeCounts(), polls));
            }
            var caseRead = await ReadCostAsync(http, proxy, "/api/cases/" + _lastCase);

            proxy.TakeCounts();
            var meetingClock = Stopwatch.StartNew();
            var meetingPolls = await OneMeetingAsync(http);
            var meeting = new Window("meeting OPSG_25 (and OPSG_24 created)", meetingClock.Elapsed, proxy.TakeCounts(), meetingPolls);
            var meetingRead = await ReadCostAsync(http, proxy, "/api/meetings/" + Seed004Meeting.Id);

            // At rest with the records above stored: the repair timer aligns each of them on every run.
            proxy.TakeCounts();
            var idleClock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
            var idle = new Window($"at rest, {cases} cases and 2 meetings stored", idleClock.Elapsed, proxy.TakeCounts());

            Console.WriteLine($"Task hub '{Hub}', Azure Storage provider with host.json's settings; repair every minute; {cases} cases one after another.");
            PrintWindow(startup, null, 0);
            PrintWindow(idle, null, 0);
            Console.WriteLine($"one status read (GET /api/cases/{{id}}), quiet: {Total(caseRead)} transactions: {Describe(caseRead)}");
            Console.WriteLine($"one meeting read (GET /api/meetings/{{id}}), quiet: {Total(meetingRead)} transactions: {Describe(meetingRead)}");
            var perSecond = idle.Counts.ToDictionary(c => c.Key, c => c.Value / idle.Duration.TotalSeconds);
            foreach (var window in windows) PrintWindow(window, perSecond, window.Polls * Total(caseRead));
            PrintWindow(meeting, perSecond, meeting.Polls * Total(meetingRead));
            var net = windows.Select(w => Net(w, perSecond, w.Polls * Total(caseRead))).ToList();
            Console.WriteLine($"per case, net: mean {net.Average():F0}, min {net.Min():F0}, max {net.Max():F0} transactions");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return 0;
    }

    private static string? _lastCase;
    private static readonly Stopwatch Since = Stopwatch.StartNew();

    private static void Progress(string what) => Console.Error.WriteLine($"[{Since.Elapsed.TotalSeconds,6:F1} s] {what}");

    private static int Total(IReadOnlyDictionary<(string, string, string), int> counts) => counts.Values.Sum();

    private static string Describe(IReadOnlyDictionary<(string Service, string Owner, string Operation), int> counts) =>
        string.Join("; ", counts.OrderBy(c => c.Key.Service).ThenBy(c => c.Key.Owner).ThenByDescending(c => c.Value)
            .Select(c => $"{c.Key.Service}/{c.Key.Owner} {c.Key.Operation} {c.Value}"));

    private static double Net(Window window, IReadOnlyDictionary<(string, string, string), double> perSecond, int pollCost) =>
        Total(window.Counts) - perSecond.Values.Sum() * window.Duration.TotalSeconds - pollCost;

    private static void PrintWindow(Window window, IReadOnlyDictionary<(string, string, string), double>? perSecond, int pollCost)
    {
        Console.WriteLine();
        Console.WriteLine($"== {window.What}: {window.Duration.TotalSeconds:F1} s, {Total(window.Counts)} transactions gross" +
            (perSecond is null ? $" ({Total(window.Counts) / window.Duration.TotalHours:F0} an hour)" :
                $"; at rest over the same time ≈ {perSecond.Values.Sum() * window.Duration.TotalSeconds:F0}; harness's {window.Polls} status polls ≈ {pollCost}; net ≈ {Net(window, perSecond, pollCost):F0}"));
        foreach (var service in window.Counts.GroupBy(c => (c.Key.Service, c.Key.Owner)).OrderBy(g => g.Key.Service).ThenBy(g => g.Key.Owner))
        {
            var rest = perSecond is null ? "" : $" (at rest over the same time ≈ {perSecond.Where(p => p.Key.Item1 == service.Key.Service && p.Key.Item2 == service.Key.Owner).Sum(p => p.Value) * window.Duration.TotalSeconds:F0})";
            Console.WriteLine($"  {service.Key.Service,-5} {service.Key.Owner,-7} {service.Sum(c => c.Value),6}{rest}: " +
                string.Join(", ", service.OrderByDescending(c => c.Value).Select(c => $"{c.Key.Operation} {c.Value}")));
        }
    }

    /// <summary>What one GET of <paramref name="url"/> costs once everything has settled: its own reads, not the queues' polling.</summary>
    private static async Task<IReadOnlyDictionary<(string Service, string Owner, string Operation), int>> ReadCostAsync(HttpClient http, CountingStorageProxy proxy, string url)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        proxy.TakeCounts();
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Get, url, SecasKey));
        return proxy.TakeCounts().Where(c => c.Key.Service == "table" && (c.Key.Owner == "app" || c.Key.Operation is "point read" or "query")).ToDictionary();
    }

    /// <summary>Seed 002's review as in Seed002TimelineTests, at a meeting of its own so its actions are /01–/03.</summary>
    internal static async Task<int> OneCaseAsync(HttpClient http, Maildev maildev, int index)
    {
        var meetingId = $"OPSG_29c{index.ToString(CultureInfo.InvariantCulture)}";
        object ForCase(object body) => JsonNode.Parse(JsonSerializer.Serialize(body).Replace("OPSG 29xxx/", meetingId.Replace('_', ' ') + "/", StringComparison.Ordinal))!;
        var polls = 0;
        var opened = await SendAsync(http, HttpMethod.Post, "/api/cases", SecasKey, Seed002.OpenCaseAt(meetingId));
        await WorkflowLatencyHarness.Expect(opened);
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        var c = $"/api/cases/{caseId}";
        _lastCase = caseId;

        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/submissions", DccKey, Seed002.Submission));
        Progress("waiting for the readiness pack");
        polls += await UntilAsync(http, c, s => s["reports"]?.AsArray().Count >= 1);
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent("%PDF-1.4\n% MDS test completion report\n"u8.ToArray()), "file", "MDS test completion report.pdf");
            form.Add(new StringContent("1,2"), "supportsLscs");
            using var upload = new HttpRequestMessage(HttpMethod.Post, $"{c}/evidence") { Content = form };
            upload.Headers.Add("X-Api-Key", DccKey);
            await WorkflowLatencyHarness.Expect(await http.SendAsync(upload));
        }
        Progress("TAG view");
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/raiseEvent/TagView", TagKey, Seed002Review.TagView));
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/review", SecasKey, Seed002Review.OpenReview));
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Put, $"{c}/meeting", SecasKey, Seed002Review.Meeting));
        foreach (var risk in Seed002Review.AddedRisks) await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/risks", SecasKey, risk));
        foreach (var action in Seed002Review.Actions) await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/actions", SecasKey, action));
        Progress("decisions");
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/decisions", SecasKey, ForCase(Seed002Review.Decisions)));
        foreach (var note in Seed002Review.PostMeetingNotes) await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/notes", SecasKey, ForCase(note)));
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/raiseEvent/PanelDecision", SecasKey, Seed002Review.PanelDecision));
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/reports", SecasKey, new { kinds = new[] { "draft-minutes", "panel-report", "actions-register" } }));
        Progress("waiting for the three reports");
        polls += await UntilAsync(http, c, s => s["reports"]?.AsArray().Count >= 4);

        var mailed = (await maildev.MessagesToAsync(PanelAddress)).Count;
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/panel-mailings", SecasKey, new { }));
        Progress("waiting for the Panel mail");
        await maildev.WaitForAsync(PanelAddress, mailed + 1);
        var link = (await (await SendAsync(http, HttpMethod.Post, $"{c}/links", SecasKey, new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(14) })).Content.ReadFromJsonAsync<JsonNode>())!;
        await WorkflowLatencyHarness.Expect(await http.GetAsync(new Uri(link["url"]!.GetValue<string>()).PathAndQuery));

        Progress("minutes approved");
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, $"{c}/raiseEvent/MinutesApproved", SecasKey, Seed002Review.MinutesApproval));
        Progress("waiting for Completed");
        polls += await UntilAsync(http, c, s => s["runtimeStatus"]?.GetValue<string>() == "Completed");
        return polls;
    }

    /// <summary>Seed 004's OPSG_25 as MeetingMinutesTests minutes it, up to its minutes being rendered.</summary>
    private static async Task<int> OneMeetingAsync(HttpClient http)
    {
        async Task Post(string url, object body) => await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Post, url, SecasKey, body));
        await Post("/api/meetings", Seed004Meeting.PreviousMeeting);
        await Post("/api/meetings", Seed004Meeting.Meeting);
        const string m = "/api/meetings/" + Seed004Meeting.Id;
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Put, m + "/attendance", SecasKey, Seed004Meeting.Attendance));
        foreach (var item in Seed004Meeting.Items)
        {
            await Post(m + "/items", new { number = item.Number, title = item.Title, narrative = item.Narrative, nilReturn = item.NilReturn });
            foreach (var outcome in item.Outcomes) await Post($"{m}/items/{item.Number}/outcomes", outcome);
            foreach (var action in item.Actions) await Post($"{m}/items/{item.Number}/actions", new { text = action, owner = action.Split(' ')[0] });
        }
        foreach (var imported in Seed004Meeting.Imported) await Post(m + "/imported-actions", imported);
        foreach (var review in Seed004Meeting.Reviews) await Post(m + "/items/3/action-reviews", review);
        foreach (var note in Seed004Meeting.Notes) await Post(m + "/notes", note);
        Progress("previous minutes");
        await Post(m + "/previous-minutes", new { meetingId = Seed004Meeting.Previous });
        using (var request = new HttpRequestMessage(HttpMethod.Post, m + "/minutes"))
        {
            request.Headers.Add("X-Api-Key", SecasKey);
            await WorkflowLatencyHarness.Expect(await http.SendAsync(request));
        }
        Progress("waiting for the meeting's minutes");
        return await UntilAsync(http, m, s => s["minutes"]?.AsArray().Count >= 1);
    }

    /// <summary>Polls twice a second (what a person refreshing a page might do), and says how many reads that took.</summary>
    private static async Task<int> UntilAsync(HttpClient http, string url, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        for (var polls = 1; ; polls++)
        {
            using var response = await SendAsync(http, HttpMethod.Get, url, SecasKey);
            if (response.IsSuccessStatusCode && done((await response.Content.ReadFromJsonAsync<JsonNode>())!)) return polls;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{url} did not get there within 40 s: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(500);
        }
    }
}
