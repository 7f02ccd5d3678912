using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
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
    internal const string DccKey = "bench-dcc";

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
        // Every minute rather than production's five, so a two-minute window sees whole runs; scaled below.
        var (process, http) = await StartLocalHostAsync(proxy.ConnectionString, TimelineSettings(maildev, Hub, "0 */1 * * * *"));
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

    /// <summary>
    /// What a local host needs for the whole timeline besides storage: the TAG and Panel keys, mail to maildev over
    /// loopback with the Panel at <see cref="PanelAddress"/>, the task hub and how often the repair timer runs.
    /// </summary>
    internal static Dictionary<string, string> TimelineSettings(Maildev maildev, string hub, string repairSchedule = "0 */5 * * * *") => new()
    {
        ["OpsgTaskHub"] = hub,
        ["OpsgRepairSchedule"] = repairSchedule,
        ["Auth__ApiKeys__Tag"] = TagKey,
        ["Auth__ApiKeys__Panel"] = "bench-panel",
        ["Mail__Host"] = "127.0.0.1",
        ["Mail__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Mail__TlsMode"] = "None",
        ["Mail__PanelRecipients"] = $"SEC Panel <{PanelAddress}>",
        ["Mail__SecretariatRecipients"] = "SECAS <secas@example.org>",
        ["Mail__DccRecipients"] = "DCC <dcc@example.org>",
    };

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

    /// <summary>
    /// Seed 002's review as in Seed002TimelineTests, at a meeting of its own so its actions are /01–/03. With a
    /// <paramref name="timeline"/> (the load harness) every command carries an Idempotency-Key, each stage is timed,
    /// the case's title carries the timeline's tag so its Panel mail is told apart from other cases', and one action is
    /// sent twice under its key, which must answer the first answer and record nothing.
    /// </summary>
    internal static async Task<int> OneCaseAsync(HttpClient http, Maildev maildev, int index, Timeline? timeline = null)
    {
        var meetingId = $"OPSG_29c{index.ToString(CultureInfo.InvariantCulture)}";
        object ForCase(object body) => JsonNode.Parse(JsonSerializer.Serialize(body).Replace("OPSG 29xxx/", meetingId.Replace('_', ' ') + "/", StringComparison.Ordinal))!;
        async Task Command(HttpMethod method, string url, string key, object body) =>
            await WorkflowLatencyHarness.Expect(timeline is null ? await SendAsync(http, method, url, key, body) : await timeline.SendAsync(http, method, url, key, body));
        void Say(string what) { if (timeline is null) Progress(what); }
        var pollMs = timeline?.PollMilliseconds ?? 500;
        var seconds = timeline?.WaitSeconds ?? 40;
        var polls = 0;
        var open = JsonNode.Parse(JsonSerializer.Serialize(Seed002.OpenCaseAt(meetingId)))!;
        if (timeline is not null) open["title"] = $"{open["title"]!.GetValue<string>()} {timeline.Tag}";
        var opened = timeline is null ? await SendAsync(http, HttpMethod.Post, "/api/cases", SecasKey, open) : await timeline.SendAsync(http, HttpMethod.Post, "/api/cases", SecasKey, open);
        await WorkflowLatencyHarness.Expect(opened);
        var caseId = (await opened.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();
        var c = $"/api/cases/{caseId}";
        _lastCase = caseId;
        timeline?.Names(caseId);

        await Command(HttpMethod.Post, $"{c}/submissions", DccKey, Seed002.Submission);
        timeline?.Lap("case: open + submit (2 commands)");
        Say("waiting for the readiness pack");
        polls += await UntilAsync(http, c, s => s["reports"]?.AsArray().Count >= 1, pollMs, seconds);
        timeline?.Lap("case: submitted → readiness pack in status");
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent("%PDF-1.4\n% MDS test completion report\n"u8.ToArray()), "file", "MDS test completion report.pdf");
            form.Add(new StringContent("1,2"), "supportsLscs");
            using var upload = new HttpRequestMessage(HttpMethod.Post, $"{c}/evidence") { Content = form };
            upload.Headers.Add("X-Api-Key", DccKey);
            await WorkflowLatencyHarness.Expect(timeline is null ? await http.SendAsync(upload) : await timeline.SendAsync(http, upload));
        }
        timeline?.Lap("case: evidence uploaded (1 file)");
        Say("TAG view");
        await Command(HttpMethod.Post, $"{c}/raiseEvent/TagView", TagKey, Seed002Review.TagView);
        timeline?.Lap("case: TAG view");
        await Command(HttpMethod.Post, $"{c}/review", SecasKey, Seed002Review.OpenReview);
        await Command(HttpMethod.Put, $"{c}/meeting", SecasKey, Seed002Review.Meeting);
        foreach (var risk in Seed002Review.AddedRisks) await Command(HttpMethod.Post, $"{c}/risks", SecasKey, risk);
        timeline?.Lap("case: review, meeting, 2 risks (4 commands)");
        foreach (var action in Seed002Review.Actions) await Command(HttpMethod.Post, $"{c}/actions", SecasKey, action);
        if (timeline is not null) await timeline.ReplayLastAsync(http);
        timeline?.Lap("case: 3 actions raised + 1 replayed");
        Say("decisions");
        await Command(HttpMethod.Post, $"{c}/decisions", SecasKey, ForCase(Seed002Review.Decisions));
        timeline?.Lap("case: decisions");
        foreach (var note in Seed002Review.PostMeetingNotes) await Command(HttpMethod.Post, $"{c}/notes", SecasKey, ForCase(note));
        timeline?.Lap("case: 5 notes (actions' reviews, conditions)");
        await Command(HttpMethod.Post, $"{c}/raiseEvent/PanelDecision", SecasKey, Seed002Review.PanelDecision);
        timeline?.Lap("case: Panel decision");
        await Command(HttpMethod.Post, $"{c}/reports", SecasKey, new { kinds = new[] { "draft-minutes", "panel-report", "actions-register" } });
        Say("waiting for the three reports");
        polls += await UntilAsync(http, c, s => s["reports"]?.AsArray().Count >= 4, pollMs, seconds);
        timeline?.Lap("case: 3 reports requested → rendered");

        var mailed = timeline is null ? (await maildev.MessagesToAsync(PanelAddress)).Count : 0;
        await Command(HttpMethod.Post, $"{c}/panel-mailings", SecasKey, new { });
        Say("waiting for the Panel mail");
        if (timeline is null) await maildev.WaitForAsync(PanelAddress, mailed + 1);
        else await LoadHarness.WaitForSubjectAsync(maildev, PanelAddress, timeline.Tag, seconds);
        timeline?.Lap("case: Panel mailing → mail received");
        var linked = timeline is null ? await SendAsync(http, HttpMethod.Post, $"{c}/links", SecasKey, new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(14) })
            : await timeline.SendAsync(http, HttpMethod.Post, $"{c}/links", SecasKey, new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(14) });
        await WorkflowLatencyHarness.Expect(linked);
        var link = (await linked.Content.ReadFromJsonAsync<JsonNode>())!;
        // The token is in the first answer only: a replay (the request sent again after a 503 whose outcome was unknown,
        // and had been recorded) has no url to open, which stops this timeline rather than the whole run.
        if (link["url"]?.GetValue<string>() is not { } url)
            throw new InvalidOperationException($"Issuing a link answered {(int)linked.StatusCode} without its url (replayed: {linked.Headers.Contains("Idempotent-Replayed")}).");
        await WorkflowLatencyHarness.Expect(await http.GetAsync(new Uri(url).PathAndQuery));
        timeline?.Lap("case: link issued + opened");

        Say("minutes approved");
        await Command(HttpMethod.Post, $"{c}/raiseEvent/MinutesApproved", SecasKey, Seed002Review.MinutesApproval);
        Say("waiting for Completed");
        polls += await UntilAsync(http, c, s => s["runtimeStatus"]?.GetValue<string>() == "Completed", pollMs, seconds);
        timeline?.Lap("case: minutes approved → Completed");
        return polls;
    }

    /// <summary>
    /// Seed 004's OPSG_25 as MeetingMinutesTests minutes it, up to its minutes being rendered. With a
    /// <paramref name="timeline"/> the meeting is OPSG_<paramref name="number"/> (its previous one number − 1, its own
    /// actions and reviews renumbered to match, its imported actions from meetings numbered 25 × <paramref name="index"/>
    /// higher than the seed's, every date 35 × <paramref name="index"/> days later), every command carries an
    /// Idempotency-Key and is timed by its kind.
    /// </summary>
    internal static async Task<int> OneMeetingAsync(HttpClient http, Timeline? timeline = null, int number = 25, int index = 0)
    {
        // Action IDs are unique across meetings, so each meeting's imported actions (OPSG 11, 20, 23 and 24's) come
        // from earlier meetings of their own (25 × index higher, below the harness's numbers from 1000); and the
        // previous meeting is the one dated last before, so each pair's dates are 35 days × index later, all of them.
        object Renumbered(object body) => timeline is null ? body : JsonNode.Parse(Regex.Replace(Regex.Replace(JsonSerializer.Serialize(body)
            .Replace("OPSG_25", $"OPSG_{number}", StringComparison.Ordinal).Replace("OPSG_24", $"OPSG_{number - 1}", StringComparison.Ordinal)
            .Replace("OPSG 25/", $"OPSG {number}/", StringComparison.Ordinal),
            "OPSG (11|20|23|24)/", m => $"OPSG {int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 25 * index}/"),
            "\\b20[0-9]{2}-[0-9]{2}-[0-9]{2}\\b", m => DateOnly.ParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(35 * index).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))!;
        async Task Post(string stage, string url, object body) => await WorkflowLatencyHarness.Expect(timeline is null
            ? await SendAsync(http, HttpMethod.Post, url, SecasKey, body) : await timeline.SendAsync(http, HttpMethod.Post, url, SecasKey, Renumbered(body), stage));
        var id = timeline is null ? Seed004Meeting.Id : $"OPSG_{number}";
        await Post("meeting: create", "/api/meetings", Seed004Meeting.PreviousMeeting);
        await Post("meeting: create", "/api/meetings", Seed004Meeting.Meeting);
        var m = "/api/meetings/" + id;
        timeline?.Names(id);
        timeline?.OtherIds.Add($"OPSG_{number - 1}");
        await WorkflowLatencyHarness.Expect(timeline is null ? await SendAsync(http, HttpMethod.Put, m + "/attendance", SecasKey, Seed004Meeting.Attendance)
            : await timeline.SendAsync(http, HttpMethod.Put, m + "/attendance", SecasKey, Seed004Meeting.Attendance, "meeting: attendance"));
        foreach (var item in Seed004Meeting.Items)
        {
            await Post("meeting: add item", m + "/items", new { number = item.Number, title = item.Title, narrative = item.Narrative, nilReturn = item.NilReturn });
            foreach (var outcome in item.Outcomes) await Post("meeting: record outcome", $"{m}/items/{item.Number}/outcomes", outcome);
            foreach (var action in item.Actions) await Post("meeting: raise action (reserves a number)", $"{m}/items/{item.Number}/actions", new { text = action, owner = action.Split(' ')[0] });
        }
        foreach (var imported in Seed004Meeting.Imported) await Post("meeting: import an earlier action", m + "/imported-actions", imported);
        foreach (var review in Seed004Meeting.Reviews) await Post("meeting: review an action", m + "/items/3/action-reviews", review);
        foreach (var note in Seed004Meeting.Notes) await Post("meeting: note", m + "/notes", note);
        if (timeline is null) Progress("previous minutes");
        await Post("meeting: previous minutes approved", m + "/previous-minutes", new { meetingId = Seed004Meeting.Previous });
        timeline?.Lap("meeting: create → minutes requested (all commands)");
        using (var request = new HttpRequestMessage(HttpMethod.Post, m + "/minutes"))
        {
            request.Headers.Add("X-Api-Key", SecasKey);
            await WorkflowLatencyHarness.Expect(timeline is null ? await http.SendAsync(request) : await timeline.SendAsync(http, request));
        }
        if (timeline is null) Progress("waiting for the meeting's minutes");
        var polls = await UntilAsync(http, m, s => s["minutes"]?.AsArray().Count >= 1, timeline?.PollMilliseconds ?? 500, timeline?.WaitSeconds ?? 40);
        timeline?.Lap("meeting: minutes requested → rendered");
        return polls;
    }

    /// <summary>Polls twice a second (what a person refreshing a page might do) unless told otherwise, and says how many reads that took.</summary>
    private static async Task<int> UntilAsync(HttpClient http, string url, Func<JsonNode, bool> done, int pollMilliseconds = 500, int seconds = 40)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        for (var polls = 1; ; polls++)
        {
            using var response = await SendAsync(http, HttpMethod.Get, url, SecasKey);
            if (response.IsSuccessStatusCode && done((await response.Content.ReadFromJsonAsync<JsonNode>())!)) return polls;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{url} did not get there within {seconds} s: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(pollMilliseconds);
        }
    }
}
