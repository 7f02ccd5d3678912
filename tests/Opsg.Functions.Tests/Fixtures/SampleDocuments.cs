using Opsg.Functions.Cases;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Every template rendered over the cases that take all its branches: each report kind of the full
/// sample, the Panel report whose recommendation is "do not proceed", a publishable case, the case
/// as it stood at the meeting, a readiness pack straight after submission, and the register across
/// meetings (with closed actions, and empty). The validator, accessibility and print checks all
/// look at exactly this set.
/// </summary>
public static class SampleDocuments
{
    public static readonly DateOnly Today = new(2020, 4, 10);

    public static IReadOnlyList<string> Names => [.. All.Keys];

    public static IReadOnlyDictionary<string, string> All { get; } = Build(null);

    /// <summary>The same set with <paramref name="text"/> applied to every free-text field.</summary>
    public static IReadOnlyDictionary<string, string> With(Func<string, string> text) => Build(text);

    private static Dictionary<string, string> Build(Func<string, string>? text)
    {
        var renderer = Reports.Renderer;
        var full = FullSample.State(text);
        var documents = ReportKinds.All.ToDictionary(kind => kind, kind => renderer.Render(kind, full));
        documents["panel-report-do-not-proceed"] = renderer.Render(ReportKinds.PanelReport, FullSample.State(text, lscNotAccepted: true));
        documents["draft-minutes-publishable"] = renderer.Render(ReportKinds.DraftMinutes, FullSample.State(text, publishable: true));
        var atMeeting = Seed002Recorded.Fold([.. Seed002Recorded.Opening(text), .. Seed002Recorded.Meeting(text)]);
        documents["panel-report-at-meeting"] = renderer.Render(ReportKinds.PanelReport, atMeeting);
        documents["actions-register-at-meeting"] = renderer.Render(ReportKinds.ActionsRegister, atMeeting.Update<CaseState, ReviewSlice>(r => r with { Actions = [] }));
        documents["readiness-pack-as-submitted"] = renderer.Render(ReportKinds.ReadinessPack, Seed002Recorded.Fold(Seed002Recorded.Opening(text)));
        var seed004 = Seed004History.State(text);
        documents["actions-register-across-meetings"] = renderer.RenderPage(ActionsRegisterAcrossMeetings.Page,
            ActionsRegisterAcrossMeetings.From([full, SecondMeeting.State(text)], Today, includeClosed: true, RegisterRows.On(ActionsAcrossMeetings.From([seed004]), Today)));
        documents["actions-register-across-meetings-empty"] = renderer.RenderPage(ActionsRegisterAcrossMeetings.Page, ActionsRegisterAcrossMeetings.From([atMeeting.Update<CaseState, ReviewSlice>(r => r with { Actions = [] })], Today));
        documents["meeting-minutes"] = renderer.RenderMeetingDocument(MinutesModel.TemplateName, MinutesModel.From(seed004, ActionsAcrossMeetings.From([seed004])));
        documents["issues-log"] = renderer.RenderPage(IssuesLogPage.Page, IssuesLogPage.From(IssuesLog.From([seed004]), new DateOnly(2019, 10, 1)));
        documents["meeting-minutes-with-case"] = renderer.RenderMeetingDocument(MinutesModel.TemplateName,
            MinutesModel.From(ExtraordinaryMeeting(full.CaseId, text), null, new Dictionary<string, CaseState> { [full.CaseId] = full }));
        return documents;
    }

    /// <summary>Seed 002's extraordinary meeting with the readiness case as its item 2.</summary>
    private static MeetingState ExtraordinaryMeeting(string caseId, Func<string, string>? text)
    {
        var t = text ?? (x => x);
        var by = new Actor(Role.Secas, "SECAS");
        RecordEvent[] events =
        [
            new MeetingScheduled("OPSG_29xxx", MeetingKind.Extraordinary, new DateOnly(2020, 2, 28), "10:00", "11:30", null, true, Classification.Publishable, null),
            new AgendaItemAdded(1, t("Introductions"), null, [], null),
            new AgendaItemAdded(2, t("SMETS1 readiness: component readiness"), t("DCC"), [new Paragraph(null, t("The DCC presented its readiness statement."))], null, caseId),
        ];
        return events.Select((e, i) => new RecordedEvent(i + 1, e, by, DateTimeOffset.UnixEpoch))
            .Aggregate(MeetingState.Empty("OPSG_29xxx"), MeetingRecord.Events.Evolve);
    }
}
