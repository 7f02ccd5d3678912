using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Reminders;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;

namespace Opsg.Functions.Tests.Reminders;

/// <summary>
/// Reminders end to end: over HTTP, on Azurite, through the orchestration's durable timers, to a real maildev. The
/// app's clock stands at 10 February 2020 (seed 002's dates), so every reminder is due after "now" and is scheduled,
/// while its durable timer, which runs on the engine's real clock, is already due: short dates, no waiting.
/// </summary>
public sealed class ReminderEmailTests(ReminderEmailTests.App fixture) : IClassFixture<ReminderEmailTests.App>
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];
    private static readonly string Secretariat = $"secretariat-{Run}@secas.example";
    private static readonly string DccContact = $"readiness-{Run}@dcc.example";

    public sealed class App : MailedAppFixture
    {
        protected override IDictionary<string, string> Recipients => new Dictionary<string, string>
        {
            ["Mail:SecretariatRecipients"] = $"OPSG Secretariat <{Secretariat}>",
            ["Mail:DccRecipients"] = $"DCC Readiness Contact <{DccContact}>",
        };
    }

    private readonly OpsgApp _app = fixture.App;
    private readonly Maildev _mail = fixture.Mail;

    [Fact]
    public async Task GivenAReviewAndActions_WhenTheirRemindersFall_ThenEachPersonGetsEachReminderOnce_AndEachEmailIsRecordedOnce()
    {
        var secas = _app.ClientAs("Secas");
        var caseId = await ReviewRecording.OpenAndSubmitAsync(secas, _app.ClientAs("Dcc"), Seed002.MeetingId);

        // Meeting on 28 February (reminded on the 23rd), report due to the Panel on 6 March (reminded on the 3rd): the secretariat's.
        await secas.PostJson($"/api/cases/{caseId}/review", new { meetingDate = "2020-02-28", reportDueDate = "2020-03-06" }).ExpectAsync(HttpStatusCode.OK);
        var beforeTheMeeting = await _mail.WaitForAsync(Secretariat, count: 2);
        Assert.Contains(beforeTheMeeting, m => Subject(m).Contains("OPSG meeting OPSG_29xxx on 28 February 2020", StringComparison.Ordinal));
        Assert.Contains(beforeTheMeeting, m => Subject(m).Contains("the report to the SEC Panel is due on 6 March 2020", StringComparison.Ordinal));

        // Two actions due on 13 March: the DCC's goes to its contact too, SECAS's to the secretariat alone.
        await secas.PutJson($"/api/cases/{caseId}/meeting", Seed002Review.Meeting).ExpectAsync(HttpStatusCode.OK);
        var dccAction = (await secas.PostJson($"/api/cases/{caseId}/actions", new { text = "Confirm the auxiliary load defect's fix date.", owner = "DCC", targetDate = "2020-03-13" })
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();
        var secasAction = (await secas.PostJson($"/api/cases/{caseId}/actions", new { text = "Circulate the TAG's view on risk 5.", owner = "SECAS", targetDate = "2020-03-13" })
            .ExpectAsync(HttpStatusCode.Created))["id"]!.GetValue<string>();

        var toDcc = Assert.Single(await _mail.WaitForAsync(DccContact));
        Assert.Contains($"action {dccAction} is due", Subject(toDcc), StringComparison.Ordinal);
        Assert.StartsWith("[NOT FOR PUBLICATION] Reminder: ", Subject(toDcc), StringComparison.Ordinal);
        Assert.StartsWith("Classification: NOT FOR PUBLICATION", toDcc["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await _mail.WaitForAsync(Secretariat, count: 4);
        await EngineChecks.UntilAsync(async () => (await SentAsync(caseId)).Count == 5, "every reminder email recorded");
        await Task.Delay(1500); // nothing more arrives later

        var toSecretariat = await _mail.MessagesToAsync(Secretariat);
        Assert.Equal(4, toSecretariat.Count);
        Assert.Single(toSecretariat, m => Subject(m).Contains($"action {dccAction} is due", StringComparison.Ordinal));
        Assert.Single(toSecretariat, m => Subject(m).Contains($"action {secasAction} is due", StringComparison.Ordinal));
        Assert.Single(await _mail.MessagesToAsync(DccContact));

        // One event per email, naming the reminder, the recipient and the message id the mail server holds.
        var sent = await SentAsync(caseId);
        Assert.Equal(5, sent.Count);
        Assert.Equal(sent.Count, sent.Select(s => (s.Reminder, s.Address)).Distinct().Count());
        foreach (var message in toSecretariat.Append(toDcc))
        {
            var address = message["to"]![0]!["address"]!.GetValue<string>();
            var id = message["headers"]!["message-id"]!.GetValue<string>().Trim('<', '>');
            Assert.Single(sent, s => s.Address == address && s.MessageId.Trim('<', '>') == id);
        }
        string dccTimer = TimerOf(dccAction), secasTimer = TimerOf(secasAction);
        Assert.Equal(new[] { dccTimer, secasTimer, "meeting-OPSG_29xxx-2020-02-28", "report-due-2020-03-06" }.Order(), sent.Where(s => s.Address == Secretariat).Select(s => s.Reminder).Order());
        Assert.Equal([dccTimer], sent.Where(s => s.Address == DccContact).Select(s => s.Reminder));
    }

    private static string TimerOf(string actionId) => $"action-{actionId.Replace(' ', '-').Replace('/', '-')}-r0";

    private async Task<IReadOnlyList<ReminderSent>> SentAsync(string caseId) =>
        (await _app.HistoryAsync(caseId)).Select(e => e.Event).OfType<ReminderSent>().ToList();

    private static string Subject(JsonObject message) => message["subject"]!.GetValue<string>();
}
