using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Benchmarks.WorkflowLatencyHarness;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// The timelines the cost and load harnesses drive over HTTP: seed 002's review of one case, seed 004's OPSG_25 up to
/// its minutes. Alone they are what the cost harness counts; with a <see cref="Timeline"/> each command carries a key
/// and is timed by its stage.
/// </summary>
public static partial class CostHarness
{
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
        HttpRequestMessage Upload()
        {
            var form = new MultipartFormDataContent
            {
                { new ByteArrayContent("%PDF-1.4\n% MDS test completion report\n"u8.ToArray()), "file", "MDS test completion report.pdf" },
                { new StringContent("1,2"), "supportsLscs" },
            };
            var upload = new HttpRequestMessage(HttpMethod.Post, $"{c}/evidence") { Content = form };
            upload.Headers.Add("X-Api-Key", DccKey);
            return upload;
        }
        await WorkflowLatencyHarness.Expect(timeline is null ? await http.SendAsync(Upload()) : await timeline.SendAsync(http, Upload));
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
        var url = await IssueLinkAsync(http, c, timeline);
        await WorkflowLatencyHarness.Expect(timeline is null ? await http.GetAsync(url) : await timeline.ReadAsync(http, url));
        timeline?.Lap("case: link issued + opened");

        Say("minutes approved");
        await Command(HttpMethod.Post, $"{c}/raiseEvent/MinutesApproved", SecasKey, Seed002Review.MinutesApproval);
        Say("waiting for Completed");
        polls += await UntilAsync(http, c, s => s["runtimeStatus"]?.GetValue<string>() == "Completed", pollMs, seconds);
        timeline?.Lap("case: minutes approved → Completed");
        return polls;
    }

    /// <summary>
    /// A link to the case's Panel report, and its path. The token is in the first answer only: a replay (the request sent
    /// again after a 503 whose outcome was unknown, and had been recorded) has none, so SECAS issues
    /// another (and could revoke the one it never saw).
    /// </summary>
    private static async Task<string> IssueLinkAsync(HttpClient http, string c, Timeline? timeline)
    {
        for (var attempt = 1; ; attempt++)
        {
            var body = new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(14) };
            var linked = timeline is null ? await SendAsync(http, HttpMethod.Post, $"{c}/links", SecasKey, body) : await timeline.SendAsync(http, HttpMethod.Post, $"{c}/links", SecasKey, body);
            await WorkflowLatencyHarness.Expect(linked);
            if ((await linked.Content.ReadFromJsonAsync<JsonNode>())!["url"]?.GetValue<string>() is { } url) return new Uri(url).PathAndQuery;
            if (attempt == 3) throw new InvalidOperationException($"Issuing a link answered {(int)linked.StatusCode} without its url three times.");
            if (timeline is not null) timeline.LinksIssuedAgain++;
        }
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
        HttpRequestMessage MinutesRequest()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, m + "/minutes");
            request.Headers.Add("X-Api-Key", SecasKey);
            return request;
        }
        await WorkflowLatencyHarness.Expect(timeline is null ? await http.SendAsync(MinutesRequest()) : await timeline.SendAsync(http, MinutesRequest));
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
