using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// The process manager: what the engine does next when something happens. A pure map from
/// (state before the event, state after it, the event) to further events, recorded in the same append.
/// </summary>
public static class CasePolicy
{
    public static IEnumerable<CaseEvent> React(CaseState before, CaseState state, CaseEvent e, DateTimeOffset now) => e switch
    {
        ReadinessSubmitted => [RenderReport(state, ReportKinds.ReadinessPack)],
        ReviewOpened opened => CaseReminders.ForReview(opened, now),
        ActionRaised { TargetDate: { } target } action => [CaseReminders.ForAction(action.ActionId, target, revision: 0)],
        ActionTargetRevised revised => [CaseReminders.ForAction(revised.ActionId, revised.RevisedTarget, revision: state.Actions.First(a => a.Raised.ActionId == revised.ActionId).Revisions.Count)],
        TimerFired fired => OnTimer(state, fired),
        ReportsRequested requested => requested.Kinds.Select(kind => RenderReport(state, kind)),
        PostMeetingNoteAdded => ReissueAfterNote(before, state),
        PanelMailingRequested => [new ActivityScheduled(ActivityNames.SendPanelLinks, null, null, null)],
        _ => [],
    };

    /// <summary>Schedules a new version of a report; the version number is fixed now, so the output name is too.</summary>
    public static ActivityScheduled RenderReport(CaseState state, string kind) =>
        new(ActivityNames.RenderReport, kind, state.Activities.Values.Count(a => a.Scheduled.ReportKind == kind) + 1, null);

    /// <summary>Documents that show post-meeting notes; one issued before a note is out of date once it is added.</summary>
    public static readonly IReadOnlyList<string> KindsShowingNotes = [ReportKinds.DraftMinutes, ReportKinds.PanelReport, ReportKinds.ActionsRegister];

    /// <summary>
    /// After a post-meeting note, a new version of each document already issued that the note changes:
    /// one whose view model reads differently after the note than before it (a model is all its template
    /// renders, so the same model gives the same bytes). A note that changes nothing in a document, such
    /// as a discharged condition in the actions register, issues no new version of it.
    /// </summary>
    // "Issued" counts a rendering still scheduled: it was scheduled before the note, so it does not show it either.
    public static IReadOnlyList<CaseEvent> ReissueAfterNote(CaseState before, CaseState after) =>
        KindsShowingNotes
            .Where(kind => after.Activities.Values.Any(a => a.Scheduled.Name == ActivityNames.RenderReport && a.Scheduled.ReportKind == kind))
            .Where(kind => ReportModels.Differ(kind, before, after))
            .Select(kind => (CaseEvent)RenderReport(after, kind))
            .ToList();

    /// <summary>A fired timer sends its reminder by email, if it still matters (CaseReminders.Due says, and to whom).</summary>
    private static IEnumerable<CaseEvent> OnTimer(CaseState state, TimerFired fired)
    {
        if (state.Timers.TryGetValue(fired.TimerId, out var timer) && CaseReminders.Due(state, timer.Scheduled) is { } reminder)
            yield return new ActivityScheduled(ActivityNames.SendReminder, null, null, reminder.Headline, reminder.Id);
    }
}
