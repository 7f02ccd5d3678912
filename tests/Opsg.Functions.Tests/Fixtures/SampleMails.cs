using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Mail;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Every email template rendered over models that take all its branches, built the way the app builds them from
/// the full sample case; <see cref="With"/> passes every free-text field through <c>text</c>, as
/// <see cref="SampleDocuments"/> does for the documents. Keyed by sample name, which starts with its template's.
/// </summary>
public static class SampleMails
{
    private static readonly Lazy<MailRenderer> Shared = new(() => new MailRenderer(Reports.TemplatesDirectory));
    private static readonly DateTimeOffset Expiry = new(2020, 3, 20, 17, 0, 0, TimeSpan.Zero);

    public static MailRenderer Renderer => Shared.Value;

    public static IReadOnlyDictionary<string, RenderedMail> All { get; } = Build(null);

    public static IReadOnlyDictionary<string, RenderedMail> With(Func<string, string> text) => Build(text);

    public static TheoryData<string> Names() => [.. All.Keys];

    private static Dictionary<string, RenderedMail> Build(Func<string, string>? text)
    {
        var t = text ?? (s => s);
        var full = FullSample.State(text);
        var chair = new MailRecipient(t("Panel Chair"), "chair@panel.example");
        return new Dictionary<string, RenderedMail>
        {
            ["panel-link"] = PanelLink(chair, full, full.Opened!.Classification),
            ["panel-link-publishable"] = PanelLink(chair, full, Classification.Publishable),
            ["reminder-meeting"] = Reminder(BeforeTheMeeting(text), CaseReminders.MeetingReminder),
            ["reminder-report-due"] = Reminder(BeforeTheMeeting(text), CaseReminders.ReportDue),
            ["reminder-action-due"] = Reminder(full, CaseReminders.ForAction(FullSample.Action04, new DateOnly(2020, 3, 20), revision: 0)),
            ["reminder-meeting-action-due"] = MeetingReminder(t, m => MeetingReminderWording.ActionDue(MeetingReminders.ForAction("OPSG 25/07", "2019-10-15", DateTimeOffset.UnixEpoch)!, Action(t, "OPSG 25/07", "OPSG_25"))),
            ["reminder-imported-overdue"] = MeetingReminder(t, m => MeetingReminderWording.ImportedOverdue(
                new TimerScheduled("imported-overdue-2019-10-02", new DateTimeOffset(2019, 10, 2, 9, 0, 0, TimeSpan.Zero), MeetingReminders.ImportedOverdue, null), m,
                [Action(t, "OPSG 11/02", "OPSG_11"), Action(t, "OPSG 20/06", "OPSG_20")])),
        };
    }

    /// <summary>OPSG_25 (seed 004), its free text through <paramref name="t"/>, and a reminder of it.</summary>
    private static RenderedMail MeetingReminder(Func<string, string> t, Func<MeetingScheduled, Reminder> reminder)
    {
        var meeting = new MeetingScheduled("OPSG_25", MeetingKind.Ordinary, new DateOnly(2019, 10, 1), "10:00", "17:00", t("Gemserv, 8 Fenchurch Place, London"), false, Classification.Publishable, null);
        return Renderer.Render(ReminderEmail.Template, ReminderEmail.Model(new MailRecipient(t("Secretariat"), "opsg@secas.example"), reminder(meeting), meeting));
    }

    private static ActionHistory Action(Func<string, string> t, string actionId, string raisedAt) =>
        new(actionId, raisedAt, new DateOnly(2019, 9, 3), t("The DCC to publish its incident management process, DNO incidents included."), t("DNOs/DCC"), "2019-09-13", null, []);

    /// <summary>Seed 002 with its review opened (report due to the Panel on 6 March 2020) and the meeting still ahead.</summary>
    private static CaseState BeforeTheMeeting(Func<string, string>? text) => Seed002Recorded.Fold(
        [.. Seed002Recorded.Opening(text), new ReviewOpened(Seed002Recorded.MeetingId, Seed002Recorded.MeetingDate, new DateOnly(2020, 3, 6))]);

    private static RenderedMail Reminder(CaseState state, string purpose) =>
        Reminder(state, CaseReminders.ForReview(state.ReviewOpened!, Seed002Recorded.Start).Single(t => t.Purpose == purpose));

    private static RenderedMail Reminder(CaseState state, TimerScheduled timer)
    {
        var reminder = CaseProcess.ReminderStillDue(state, timer) ?? throw new InvalidOperationException($"{timer.TimerId} is not due in the sample.");
        return Renderer.Render(ReminderEmail.Template, ReminderEmail.Model(new MailRecipient("Secretariat", "opsg@secas.example"), reminder, state));
    }

    private static RenderedMail PanelLink(MailRecipient to, CaseState state, Classification classification) =>
        Renderer.Render(PanelLinkEmail.Template, PanelLinkEmail.Model(to, state.Opened!.Title, classification, Expiry, "http://127.0.0.1:7071/api/links/abc"));
}
