using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Opsg.Functions.Links;
using Opsg.Functions.Mail;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;

namespace Opsg.Functions.Tests.Faults;

/// <summary>
/// The local host dies (as if killed) the moment the Panel mailing's first email has gone out, before it is recorded;
/// another host starts on the same storage and task hub and finishes the step. Each recipient then holds at most one
/// live link from the request, exactly one delivery is recorded for them, and the link it recorded works.
/// </summary>
public sealed class PanelMailingKillTests
{
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];
    private static readonly MailRecipient[] People =
        [new("Panel Chair", $"chair-{Run}@panel.example"), new("Panel Secretary", $"secretary-{Run}@panel.example"), new("Panel Member", $"member-{Run}@panel.example")];

    [Fact]
    public async Task GivenAHostKilledMidSend_WhenAnotherFinishesTheStep_ThenEachRecipientHoldsAtMostOneLiveLink_AndOneRecordedEmailWhoseLinkWorks()
    {
        var azurite = await Azurite.Shared;
        var mail = await Maildev.Shared;
        var prefix = "m" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string>
        {
            ["Mail__Host"] = "127.0.0.1",
            ["Mail__Port"] = mail.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mail__TlsMode"] = "None",
            ["Mail__From"] = "OPSG Secretariat <opsg@secas.example>",
            // The dead run's claim on the email it sent is taken over when its lease ends (60 s in production).
            ["Workflow__EffectClaimLease"] = "00:00:15",
        };

        string caseId;
        await using (var healthy = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix, settings))
        {
            caseId = await ReviewRecording.OpenAndSubmitAsync(healthy.As("Secas"), healthy.As("Dcc"));
            await ReviewRecording.RecordMeetingAsync(healthy.As("Secas"), healthy.As("Tag"), caseId);
            await ReviewRecording.RequestAndWaitAsync(healthy.As("Secas"), caseId, ReportKinds.PanelReport);
        }

        await using (var dying = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix,
            new Dictionary<string, string>(settings) { ["Workflow__DieAfterSendingMailForFaultTests"] = "true" }))
        {
            var recipients = People.Select(p => new { p.Name, p.Address }).ToArray();
            try
            {
                Assert.Equal(HttpStatusCode.Accepted, (await dying.As("Secas").PostJson($"/api/cases/{caseId}/panel-mailings", new { recipients })).StatusCode);
            }
            catch (HttpRequestException)
            {
                // The step may be quicker than the answer: the request is recorded either way (checked below).
            }
            await EngineChecks.UntilAsync(() => Task.FromResult(dying.HasExited), "the host died after the first email", seconds: 60);
        }

        await using var storage = StorageOnly.For(azurite.ConnectionString, prefix);
        var step = (await storage.HistoryAsync(caseId)).Single(e => e.Event is ActivityScheduled { Name: PanelMailing.SendLinksStep }).Sequence;
        Assert.Empty((await storage.HistoryAsync(caseId)).Select(e => e.Event).OfType<PanelMailSent>());
        Assert.Single(await mail.WaitForAsync(People[0].Address)); // sent, then the process died

        await using var restarted = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix, settings);
        await EngineChecks.UntilAsync(async () => CaseRecord.Fold(caseId, await storage.HistoryAsync(caseId)).Activities[step].Status == ActivityStatus.Completed,
            "the mailing step finished on the second host", seconds: 90);

        var history = await storage.HistoryAsync(caseId);
        var state = CaseRecord.Fold(caseId, history);
        var now = DateTimeOffset.UtcNow;
        foreach (var person in People)
        {
            var links = state.Links.Values.Where(l => l.Issued.Mailing == step && l.Issued.Recipient == person.Label).ToList();
            var live = Assert.Single(links, l => l.IsUsableAt(now));
            var sent = Assert.Single(history.Select(e => e.Event).OfType<PanelMailSent>(), s => s.Address == person.Address);
            Assert.Equal(sent.LinkId, live.Issued.LinkId);

            // Of every email the person received, the recorded one opens the report and any earlier one no longer does.
            var emails = await mail.MessagesToAsync(person.Address);
            Assert.Equal(person == People[0] ? 2 : 1, emails.Count);
            foreach (var email in emails)
            {
                var opened = await restarted.Client.GetAsync(LinkIn(email));
                var recorded = MessageId(email) == sent.MessageId.Trim('<', '>');
                Assert.Equal(recorded ? HttpStatusCode.OK : HttpStatusCode.NotFound, opened.StatusCode);
            }
            Assert.Single(emails, e => MessageId(e) == sent.MessageId.Trim('<', '>'));
        }
    }

    private static string LinkIn(JsonObject message) =>
        Regex.Match(message["text"]!.GetValue<string>(), @"http://127\.0\.0\.1:7071(/api/links/[A-Za-z0-9_-]{43})").Groups[1].Value;

    private static string MessageId(JsonObject message) => message["headers"]!["message-id"]!.GetValue<string>().Trim('<', '>');
}
