using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Records;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// What happens next in a readiness case, in one place and pure. After each event: the documents to render, the
/// reminders to schedule (and whether a fired one still matters), the links to mail; which external events the case
/// waits for (<see cref="Waits"/>); where it stands (<see cref="Stage"/>, <see cref="Runtime"/>) and what the
/// orchestration has left to do (<see cref="Plan"/>). The store records what it says in the same append as the event
/// that caused it; <see cref="CaseOrchestrator"/> runs the steps it schedules.
/// </summary>
public sealed partial class CaseProcess : IRecordProcess<CaseState>
{
    /// <summary>A step recorded before reminders were emailed; it completes without sending anything.</summary>
    public const string LegacyNotifyStep = "Notify";

    /// <summary>Documents that show post-meeting notes; one issued before a note is out of date once it is added.</summary>
    public static readonly IReadOnlyList<string> KindsShowingNotes = [ReportKinds.DraftMinutes, ReportKinds.PanelReport, ReportKinds.ActionsRegister];

    /// <summary>The follow-up events of <paramref name="e"/>, recorded in the same append.</summary>
    public static IEnumerable<RecordEvent> Next(CaseState before, CaseState state, RecordEvent e, DateTimeOffset now) => e switch
    {
        ReadinessSubmitted => [RenderReport(state, ReportKinds.ReadinessPack)],
        ReviewOpened opened => CaseReminders.ForReview(opened, now),
        ActionRaised { TargetDate: { } target } action => [CaseReminders.ForAction(action.ActionId, target, revision: 0)],
        ActionTargetRevised revised => [CaseReminders.ForAction(revised.ActionId, revised.RevisedTarget, revision: state.Actions.First(a => a.Raised.ActionId == revised.ActionId).Revisions.Count)],
        TimerFired fired => OnTimer(state, fired),
        ReportsRequested requested => requested.Kinds.Select(kind => RenderReport(state, kind)),
        PostMeetingNoteAdded => ReissueAfterNote(before, state),
        PanelMailingRequested => [new ActivityScheduled(PanelMailing.SendLinksStep, null, null, null)],
        _ => [],
    };

    /// <summary>Schedules a new version of a report; the version number is fixed now, so the output name is too.</summary>
    public static ActivityScheduled RenderReport(CaseState state, string kind) =>
        new(ReportSteps.Render, kind, state.Activities.Values.Count(a => a.Scheduled.ReportKind == kind) + 1, null);

    /// <summary>
    /// After a post-meeting note, a new version of each document already issued that the note changes:
    /// one whose view model reads differently after the note than before it (a model is all its template
    /// renders, so the same model gives the same bytes). A note that changes nothing in a document, such
    /// as a discharged condition in the actions register, issues no new version of it.
    /// </summary>
    // "Issued" counts a rendering still scheduled: it was scheduled before the note, so it does not show it either.
    public static IReadOnlyList<RecordEvent> ReissueAfterNote(CaseState before, CaseState after) =>
        KindsShowingNotes
            .Where(kind => after.Activities.Values.Any(a => a.Scheduled.Name == ReportSteps.Render && a.Scheduled.ReportKind == kind))
            .Where(kind => ReportModels.Differ(kind, before, after))
            .Select(kind => (RecordEvent)RenderReport(after, kind))
            .ToList();

    /// <summary>A fired timer sends its reminder by email, if it still matters.</summary>
    private static IEnumerable<RecordEvent> OnTimer(CaseState state, TimerFired fired)
    {
        if (state.Timers.TryGetValue(fired.TimerId, out var timer) && ReminderStillDue(state, timer.Scheduled) is { } reminder)
            yield return new ActivityScheduled(CaseReminders.SendStep, null, null, reminder.Headline, reminder.Id);
    }

    /// <summary>
    /// The reminder a fired timer brings, or null when what it was about has happened or changed since: the meeting
    /// was recorded; the case reached the Panel; the action was closed or its target revised (only the latest counts).
    /// </summary>
    public static Reminder? ReminderStillDue(CaseState state, TimerScheduled timer)
    {
        if (state.IsTerminated) return null;
        switch (timer.Purpose)
        {
            case CaseReminders.MeetingReminder when state is { Meeting: null, ReviewOpened: { } review } && timer.DueAt == CaseReminders.MeetingDueAt(review):
                return CaseReminders.Meeting(timer, review);
            case CaseReminders.ReportDue when state.ReviewOpened?.ReportDueDate is { } due && timer.Ref == CaseReminders.Iso(due) && Stage(state) < CaseStage.ReportedToPanel:
                return CaseReminders.ReportDueSoon(timer, due);
            case CaseReminders.ActionDue:
                var action = state.Actions.FirstOrDefault(a => a.Raised.ActionId == timer.Ref);
                return action is { IsOpen: true, CurrentTarget: { } target } && CaseReminders.On(target) == timer.DueAt
                    ? CaseReminders.ActionIsDue(timer, action, target)
                    : null;
            default:
                return null;
        }
    }

    IEnumerable<RecordEvent> IRecordProcess<CaseState>.React(CaseState before, CaseState after, RecordEvent e, DateTimeOffset now) => Next(before, after, e, now);

    IReadOnlyList<RecordEvent> IRecordProcess<CaseState>.Settle(CaseState state) => Settle(state);

    RecordSummary IRecordProcess<CaseState>.Summarise(CaseState state) =>
        new(state.Opened?.Title ?? "", Runtime(state).ToString(), Stage(state).ToString(), state.PendingActivities.ToList());
}
