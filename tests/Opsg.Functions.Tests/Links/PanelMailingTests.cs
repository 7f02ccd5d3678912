using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Mail;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Links;

/// <summary>
/// The app on Azurite and a real maildev, with a Panel distribution list of two people (addresses unique to this run).
/// One per test class: every case here is reviewed at a meeting of its own, so its action numbers are seed 002's.
/// </summary>
public sealed class PanelMailingApp : OpsgAppFixture
{
    public static readonly string Run = Guid.NewGuid().ToString("N")[..8];
    public static readonly MailRecipient Chair = new("Panel Chair", $"chair-{Run}@panel.example");
    public static readonly MailRecipient Secretary = new("Panel Secretary", $"secretary-{Run}@panel.example");

    public Maildev Mail { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = Mail.Settings;
            settings["Mail:PanelRecipients"] = $"{Chair.Name} <{Chair.Address}>; {Secretary.Name} <{Secretary.Address}>";
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        Mail = await Maildev.Shared;
        await base.InitializeAsync();
    }
}

/// <summary>
/// SECAS has the Panel's link emailed: a step of the case's orchestration, sent over SMTP, recorded per message.
/// Only the first test mails the Panel's list; the other mails a person of its own, with failures injected that only
/// its mailing meets (no other step of this app sends mail: no reminder audience is configured).
/// </summary>
public sealed class PanelMailingTests(PanelMailingApp fixture) : IClassFixture<PanelMailingApp>
{
    private readonly PanelMailingApp _app = fixture;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");

    private async Task<string> CaseWithPanelReportAsync()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.App.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(_secas, _app.App.ClientAs("Tag"), caseId);
        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.PanelReport);
        return caseId;
    }

    private async Task<IReadOnlyList<RecordedEvent>> HistoryAsync(string caseId) =>
        await _app.App.Service<CaseStore>().LoadHistoryAsync(caseId, default);

    /// <summary>Waits until the mailing step is recorded as completed, and answers the messages it recorded.</summary>
    private async Task<IReadOnlyList<PanelMailSent>> WaitForSentAsync(string caseId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var history = await HistoryAsync(caseId);
            var steps = CaseRecord.Fold(caseId, history).Activities.Values.Where(a => a.Scheduled.Name == PanelMailing.SendLinksStep).ToList();
            if (steps.Count > 0 && steps.All(a => a.Status == ActivityStatus.Completed))
                return history.Select(e => e.Event).OfType<PanelMailSent>().ToList();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The mailing of {caseId} did not complete: {string.Join(", ", steps.Select(a => a.Status))}.");
            await Task.Delay(200);
        }
    }

    private static string LinkIn(JsonObject message) =>
        Regex.Match(message["text"]!.GetValue<string>(), @"http://127\.0\.0\.1:7071(/api/links/[A-Za-z0-9_-]{43})").Groups[1].Value;

    [Fact]
    public async Task GivenAPanelReport_WhenSecasAsksForTheMailing_ThenEachPersonOnTheListGetsAnEmailWhoseLinkOpensTheReport()
    {
        var caseId = await CaseWithPanelReportAsync();

        var response = await _secas.PostJson($"/api/cases/{caseId}/panel-mailings", new { });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var recorded = await WaitForSentAsync(caseId);
        var history = await _app.App.Service<HistoryTable>().ReadAsync(caseId, default);
        foreach (var person in new[] { PanelMailingApp.Chair, PanelMailingApp.Secretary })
        {
            var message = Assert.Single(await _app.Mail.WaitForAsync(person.Address));
            Assert.Equal(person.Name, message["to"]![0]!["name"]!.GetValue<string>());
            var text = message["text"]!.GetValue<string>();
            Assert.StartsWith("Classification: ", text);
            Assert.StartsWith("[NOT FOR PUBLICATION]", message["subject"]!.GetValue<string>());
            Assert.DoesNotContain("<img", message["html"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            var link = LinkIn(message);
            Assert.NotEqual("", link);

            var report = await _app.App.ClientAs(null).GetAsync(link);

            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            Assert.Equal("text/html", report.Content.Headers.ContentType!.MediaType);
            // Each message recorded once, with its message id; the token is in the email only.
            var sent = Assert.Single(recorded, s => s.Address == person.Address);
            Assert.Equal(message["headers"]!["message-id"]!.GetValue<string>().Trim('<', '>'), sent.MessageId.Trim('<', '>'));
            var token = link[(link.LastIndexOf('/') + 1)..];
            Assert.DoesNotContain(history.Events, e => e.Payload.Contains(token, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task GivenASendThatFailsTwice_WhenDurableRetriesIt_ThenOneEmailIsSentAndRecordedAndOnlyItsLinkIsLive()
    {
        var caseId = await CaseWithPanelReportAsync();
        var person = new MailRecipient("Deputy Chair", $"deputy-{PanelMailingApp.Run}@panel.example");
        _app.App.Service<FaultInjection>().FailMailSends(2);

        var response = await _secas.PostJson($"/api/cases/{caseId}/panel-mailings", new { recipients = new[] { new { person.Name, person.Address } } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(await WaitForSentAsync(caseId));
        var message = Assert.Single(await _app.Mail.WaitForAsync(person.Address));
        await Task.Delay(1000); // nothing more arrives later
        Assert.Single(await _app.Mail.MessagesToAsync(person.Address));

        var state = CaseRecord.Fold(caseId, await HistoryAsync(caseId));
        var issued = state.Links.Values.Where(l => l.Issued.Mailing is not null).ToList();
        Assert.Equal(3, issued.Count); // one per attempt
        var live = Assert.Single(issued, l => l.RevokedAt is null);
        Assert.Equal(sent.LinkId, live.Issued.LinkId);
        Assert.Equal(HttpStatusCode.OK, (await _app.App.ClientAs(null).GetAsync(LinkIn(message))).StatusCode);
    }

    /// <summary>
    /// Durable's Azure Storage provider can run one step twice at once under load ("split brain"). Two more runs of the
    /// mailing step, started together beside the orchestration's own, are three runs at once: each person still gets one
    /// email, recorded once, with the one live link it carries.
    /// </summary>
    [Fact]
    public async Task GivenTheMailingStepRunThreeTimesAtOnce_ThenEachPersonGetsOneEmail_RecordedOnce_WithTheOneLiveLink()
    {
        var caseId = await CaseWithPanelReportAsync();
        var people = new[] { new MailRecipient("Panel Adviser", $"adviser-{PanelMailingApp.Run}@panel.example"), new MailRecipient("Panel Clerk", $"clerk-{PanelMailingApp.Run}@panel.example") };

        var response = await _secas.PostJson($"/api/cases/{caseId}/panel-mailings", new { recipients = people.Select(p => new { p.Name, p.Address }) });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var step = (await HistoryAsync(caseId)).Single(e => e.Event is ActivityScheduled { Name: PanelMailing.SendLinksStep }).Sequence;
        var activities = ActivatorUtilities.CreateInstance<CaseActivities>(_app.App.Services);
        await Task.WhenAll(activities.SendPanelLinks(new StepInput(caseId, step, 0)), activities.SendPanelLinks(new StepInput(caseId, step, 0)));

        var sent = await WaitForSentAsync(caseId);
        await Task.Delay(1000); // the orchestration's own run has had time to send too, if it were going to
        var links = CaseRecord.Fold(caseId, await HistoryAsync(caseId)).Links.Values.Where(l => l.Issued.Mailing == step).ToList();
        foreach (var person in people)
        {
            var message = Assert.Single(await _app.Mail.MessagesToAsync(person.Address));
            var recorded = Assert.Single(sent, s => s.Address == person.Address);
            Assert.Equal(message["headers"]!["message-id"]!.GetValue<string>().Trim('<', '>'), recorded.MessageId.Trim('<', '>'));
            var link = Assert.Single(links, l => l.Issued.Recipient == person.Label);
            Assert.Equal((recorded.LinkId, (DateTimeOffset?)null), (link.Issued.LinkId, link.RevokedAt));
        }
    }

    /// <summary>
    /// The email is out when storage stops answering its record: the record is tried again under its key, so the step
    /// completes with one email and one link, where failing the step would have had its retry send a second email.
    /// </summary>
    [Fact]
    public async Task GivenStorageSilentTwiceWhenTheSentEmailIsRecorded_ThenTheRecordIsTriedAgain_AndOneEmailIsSentAndRecorded()
    {
        var caseId = await CaseWithPanelReportAsync();
        var person = new MailRecipient("Panel Observer", $"observer-{PanelMailingApp.Run}@panel.example");
        _app.App.Service<FaultInjection>().FailSentRecords(2);

        var response = await _secas.PostJson($"/api/cases/{caseId}/panel-mailings", new { recipients = new[] { new { person.Name, person.Address } } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = Assert.Single(await WaitForSentAsync(caseId));
        Assert.Single(await _app.Mail.WaitForAsync(person.Address));
        await Task.Delay(1000); // nothing more arrives later
        Assert.Single(await _app.Mail.MessagesToAsync(person.Address));
        var issued = Assert.Single(CaseRecord.Fold(caseId, await HistoryAsync(caseId)).Links.Values, l => l.Issued.Mailing is not null);
        Assert.Equal((sent.LinkId, (DateTimeOffset?)null), (issued.Issued.LinkId, issued.RevokedAt));
    }
}

/// <summary>Names and addresses end up in mail headers: anything that could bend one is refused before anything is recorded.</summary>
public sealed class PanelMailingRefusalTests(PanelMailingApp fixture) : IClassFixture<PanelMailingApp>
{
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");

    [Theory]
    [InlineData("Mallory\r\nBcc: everyone@evil.example", "mallory@evil.example", "recipients[0].name")]
    [InlineData("Mallory <mallory@evil.example>", "mallory@evil.example", "recipients[0].name")]
    [InlineData("<b>Mallory</b>", "mallory@evil.example", "recipients[0].name")]
    [InlineData("Mallory", "mallory@evil.example>, everyone@evil.example", "recipients[0].address")]
    [InlineData("Mallory", "mallory@evil.example\r\nBcc: everyone@evil.example", "recipients[0].address")]
    [InlineData("Mallory", "\"mallory\"@evil.example", "recipients[0].address")]
    public async Task GivenAHostileRecipient_WhenSecasAsksForTheMailing_ThenProblemDetailsAndNothingIsRecorded(string name, string address, string field)
    {
        var caseId = await _secas.OpenCaseAsync();
        var before = await fixture.App.Service<CaseStore>().LoadHistoryAsync(caseId, default);

        var response = await _secas.PostJson($"/api/cases/{caseId}/panel-mailings", new { recipients = new[] { new { name, address } } });

        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before.Count, (await fixture.App.Service<CaseStore>().LoadHistoryAsync(caseId, default)).Count);
    }
}
