using Opsg.Functions.Cases;
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
    /// <summary>How long before the meeting SECAS is reminded that the pack must be out.</summary>
    public static readonly TimeSpan MeetingReminderLead = TimeSpan.FromDays(5);

    public static IEnumerable<CaseEvent> React(CaseState before, CaseState state, CaseEvent e, DateTimeOffset now) => e switch
    {
        ReadinessSubmitted => [RenderReport(state, ReportKinds.ReadinessPack)],
        ReviewOpened opened => MeetingReminder(opened, now),
        ActionRaised { TargetDate: { } target } action => [ActionDueTimer(action.ActionId, target)],
        ActionTargetRevised revised => [ActionDueTimer(revised.ActionId, revised.RevisedTarget, revisionOf: state.Actions.First(a => a.Raised.ActionId == revised.ActionId).Revisions.Count)],
        TimerFired fired => OnTimer(state, fired),
        ReportsRequested requested => requested.Kinds.Select(kind => RenderReport(state, kind)),
        PostMeetingNoteAdded => ReissueAfterNote(before, state),
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

    private static IEnumerable<CaseEvent> MeetingReminder(ReviewOpened opened, DateTimeOffset now)
    {
        var due = new DateTimeOffset(opened.MeetingDate.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero) - MeetingReminderLead;
        if (due > now) yield return new TimerScheduled($"meeting-{opened.MeetingId}", due, "MeetingReminder", opened.MeetingId);
    }

    private static TimerScheduled ActionDueTimer(string actionId, DateOnly target, int revisionOf = 0) =>
        new($"action-{actionId.Replace(' ', '-').Replace('/', '-')}-r{revisionOf}", new DateTimeOffset(target.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), "ActionDue", actionId);

    private static IEnumerable<CaseEvent> OnTimer(CaseState state, TimerFired fired)
    {
        if (!state.Timers.TryGetValue(fired.TimerId, out var timer)) yield break;
        switch (timer.Scheduled.Purpose)
        {
            case "MeetingReminder" when state.Meeting is null:
                yield return new ActivityScheduled(ActivityNames.Notify, null, null, $"Reminder: the OPSG meeting {timer.Scheduled.Ref} is due; the readiness pack must be issued.");
                break;
            case "ActionDue":
                var action = state.Actions.FirstOrDefault(a => a.Raised.ActionId == timer.Scheduled.Ref);
                // Only the latest target counts: a timer from before a revision stays silent.
                if (action is { IsOpen: true } && timer.Scheduled.DueAt.Date == action.CurrentTarget?.ToDateTime(TimeOnly.MinValue))
                    yield return new ActivityScheduled(ActivityNames.Notify, null, null, $"Action {action.Raised.ActionId} ({action.Raised.Owner}) has reached its target date and is still open.");
                break;
        }
    }
}
