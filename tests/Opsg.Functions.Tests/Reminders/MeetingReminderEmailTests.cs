using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Meetings;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;

namespace Opsg.Functions.Tests.Reminders;

/// <summary>
/// A meeting's reminders to SECAS end to end: over HTTP, on Azurite, through the meeting orchestration's durable timers,
/// to a real maildev. The app's clock stands before the meeting, so its reminders are scheduled, while the timers, on
/// the engine's real clock, are long due: no waiting.
/// </summary>
public sealed class MeetingReminderEmailTests(MeetingReminderEmailTests.App fixture) : IClassFixture<MeetingReminderEmailTests.App>
{
    private static readonly string Secretariat = $"secretariat-{Guid.NewGuid().ToString("N")[..8]}@secas.example";
    private static readonly string Dcc = $"dcc-{Guid.NewGuid().ToString("N")[..8]}@dcc.example";

    public sealed class App : MailedAppFixture
    {
        protected override IDictionary<string, string> Recipients => new Dictionary<string, string>
        {
            ["Mail:SecretariatRecipients"] = $"OPSG Secretariat <{Secretariat}>",
            ["Mail:DccRecipients"] = $"DCC Operations <{Dcc}>",
        };
    }

    private readonly OpsgApp _app = fixture.App;
    private readonly Maildev _mail = fixture.Mail;

    [Fact]
    public async Task GivenAMeeting_ThenSecasIsRemindedOfThePapersAndChasedForTheDraftMinutesUntilTheLimit_EachOnce()
    {
        var secas = _app.ClientAs("Secas");
        // Held on 20 February 2020: papers due on the 13th, draft minutes on the 27th, both after the app's "now" (10
        // February) and so scheduled; their durable timers are long due on the engine's real clock, so they fire at once.
        var meetingId = "OPSG_" + Guid.NewGuid().ToString("N")[..8];
        await secas.PostJson("/api/meetings", new { meetingId, kind = "ordinary", date = "2020-02-20", startTime = "10:00", endTime = "12:00", teleconference = true, classification = "notForPublication" })
            .ExpectAsync(HttpStatusCode.Created);
        var expected = 1 + 1 + MeetingReminders.MaxChasers;
        await EngineChecks.UntilAsync(async () => (await _app.Service<MeetingStore>().LoadHistoryAsync(meetingId, CancellationToken.None)).Count(e => e.Event is MeetingReminderSent) >= expected, "every reminder recorded", seconds: 60,
            detail: async () => string.Join(", ", (await _app.Service<MeetingStore>().LoadHistoryAsync(meetingId, CancellationToken.None)).Select(e => e.Event.ToString())));

        var sent = (await _app.Service<MeetingStore>().LoadHistoryAsync(meetingId, CancellationToken.None)).Select(e => e.Event).OfType<MeetingReminderSent>().ToList();
        Assert.Equal(expected, sent.Count);
        Assert.Equal(expected, sent.Select(r => r.Reminder).Distinct().Count());
        var name = meetingId.Replace('_', ' ');
        var mails = (await _mail.WaitForAsync(Secretariat)).Where(m => Subject(m).Contains(name, StringComparison.Ordinal)).ToList();
        Assert.Single(mails, m => Subject(m) == $"[NOT FOR PUBLICATION] Reminder: papers for {name} on 20 February 2020");
        Assert.Equal(expected - 1, mails.Count(m => Subject(m) == $"[NOT FOR PUBLICATION] Reminder: draft minutes of {name}"));
    }

    [Fact]
    public async Task GivenAnActionReTargetedAtALaterMeeting_ThenEachTargetIsRemindedOnce_ToSecasAndTheDcc_AndOverdueImportsShareOneDigest()
    {
        var secas = _app.ClientAs("Secas");
        // The app's "now" is 10 February 2020: 20 January's own reminders are a week gone and set nothing; the action's
        // targets in March are ahead and so set, and long due on the engine's real clock, so they fire at once.
        var raising = "OPSG_9" + Letters();
        var reviewing = "OPSG_9" + Letters();
        await ScheduleAsync(secas, raising, "2020-01-20");
        await secas.PostJson($"/api/meetings/{raising}/items/3/actions", new { text = "Publish the revised BCDR plan.", owner = "DCC", target = "2020-03-02" }).ExpectAsync(HttpStatusCode.Created);
        var actionId = $"{raising.Replace('_', ' ')}/01";
        await _mail.WaitForAsync(Dcc, count: 1, seconds: 60);
        await ScheduleAsync(secas, reviewing, "2020-02-07");
        await secas.PostJson($"/api/meetings/{reviewing}/items/3/action-reviews", new { actionId, discussion = "The plan is with the TAG.", revisedTarget = "2020-03-16", outcome = "open" })
            .ExpectAsync(HttpStatusCode.Created);
        var older = "OPSG 3" + Letters();
        foreach (var (n, target) in new[] { ("01", "2019-02-01"), ("02", "2019-03-01") })
            await secas.PostJson($"/api/meetings/{reviewing}/imported-actions", new { actionId = $"{older}/{n}", raisedOn = "2019-01-08", target, owner = "DCC", text = $"Older action {n}." })
                .ExpectAsync(HttpStatusCode.Created);

        var due = $"Reminder: action {actionId} is due";
        await _mail.WaitForAsync(Dcc, count: 2, seconds: 60);
        await EngineChecks.UntilAsync(async () => (await _mail.MessagesToAsync(Secretariat)).Any(m => Subject(m).Contains("imported", StringComparison.Ordinal)), "the digest of overdue imports", seconds: 60);
        await Task.Delay(TimeSpan.FromSeconds(2)); // anything sent twice would arrive by now
        var toSecas = (await _mail.MessagesToAsync(Secretariat)).Select(Subject).ToList();
        var toDcc = (await _mail.MessagesToAsync(Dcc)).Select(Subject).ToList();
        Assert.Equal(2, toSecas.Count(s => s.EndsWith(due, StringComparison.Ordinal)));
        Assert.Equal(2, toDcc.Count(s => s.EndsWith(due, StringComparison.Ordinal)));
        var bodies = (await _mail.MessagesToAsync(Dcc)).Select(m => m["text"]!.GetValue<string>()).ToList();
        Assert.Single(bodies, b => b.Contains("2 March 2020", StringComparison.Ordinal));
        Assert.Single(bodies, b => b.Contains("16 March 2020", StringComparison.Ordinal));
        var digest = Assert.Single(toSecas, s => s.Contains("imported", StringComparison.Ordinal));
        Assert.EndsWith($"Reminder: 2 actions imported at {reviewing.Replace('_', ' ')} past their target", digest);
        Assert.DoesNotContain(toDcc, s => s.Contains("imported", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenAMeetingMovedBeforeItIsMinuted_ThenSecasIsRemindedOfThePapersForTheNewDate()
    {
        var secas = _app.ClientAs("Secas");
        // First set for 2040, whose reminders lie years ahead on the engine's clock; moved to 20 March 2020, whose papers
        // (13 March) are after the app's "now" and so set, and long due on the engine's clock, so they fire at once.
        var meetingId = "OPSG_" + Guid.NewGuid().ToString("N")[..8];
        await secas.PostJson("/api/meetings", new { meetingId, kind = "ordinary", date = "2040-03-20", startTime = "10:00", endTime = "12:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        await secas.PutJson($"/api/meetings/{meetingId}/schedule", new { date = "2020-03-20", startTime = "10:00", endTime = "12:00", teleconference = true }).ExpectAsync(HttpStatusCode.OK);

        var name = meetingId.Replace('_', ' ');
        await EngineChecks.UntilAsync(async () => (await _mail.MessagesToAsync(Secretariat)).Any(m => Subject(m).Contains($"papers for {name}", StringComparison.Ordinal)), "the papers reminder", seconds: 60);
        var papers = (await _mail.MessagesToAsync(Secretariat)).Select(Subject).Where(s => s.Contains($"papers for {name}", StringComparison.Ordinal)).ToList();
        Assert.Equal([$"[PUBLISHABLE] Reminder: papers for {name} on 20 March 2020"], papers);
    }

    private static async Task ScheduleAsync(HttpClient secas, string meetingId, string date)
    {
        await secas.PostJson("/api/meetings", new { meetingId, kind = "ordinary", date, startTime = "10:00", endTime = "12:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        await secas.PostJson($"/api/meetings/{meetingId}/items", new { number = 3, title = "Actions Outstanding" }).ExpectAsync(HttpStatusCode.Created);
    }

    private static string Letters() => new(Guid.NewGuid().ToString("N").Select(c => (char)('a' + (c % 26))).Take(8).ToArray());

    private static string Subject(JsonObject message) => message["subject"]!.GetValue<string>();
}
