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

    public sealed class App : MailedAppFixture
    {
        protected override IDictionary<string, string> Recipients => new Dictionary<string, string>
        {
            ["Mail:SecretariatRecipients"] = $"OPSG Secretariat <{Secretariat}>",
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

    private static string Subject(JsonObject message) => message["subject"]!.GetValue<string>();
}
