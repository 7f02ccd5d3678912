using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Panel;
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
public sealed class CaseProcess : IRecordProcess<CaseState>
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

    /// <summary>Where the case stands on the governance timeline: a function of the record, never stored on its own.</summary>
    public static CaseStage Stage(CaseState s) => s switch
    {
        { IsTerminated: true } => CaseStage.Terminated,
        _ when s.MinutesApproved is not null => CaseStage.MinutesFinal,
        _ when s.PanelDecision is not null => CaseStage.PanelDecided,
        _ when s.Reports.Any(r => r.Kind == ReportKinds.PanelReport) => CaseStage.ReportedToPanel,
        _ when s.Meeting is not null => CaseStage.MeetingHeld,
        _ when s.ReviewOpened is not null => CaseStage.InReview,
        _ when !s.Submissions.IsEmpty => CaseStage.SubmissionReceived,
        _ => CaseStage.AwaitingSubmission,
    };

    /// <summary>The case's Durable-style runtime status: complete once the Panel decided, the minutes are final and nothing is left to render.</summary>
    public static RuntimeStatus Runtime(CaseState s)
    {
        if (s.IsTerminated) return RuntimeStatus.Terminated;
        if (s.HasFailedStep) return RuntimeStatus.Failed;
        if (s.MinutesApproved is not null && s.PanelDecision is not null && !s.PendingActivities.Any()) return RuntimeStatus.Completed;
        return s.Submissions.IsEmpty ? RuntimeStatus.Pending : RuntimeStatus.Running;
    }

    /// <summary>What the orchestration has to do, read off the record at its version: see <see cref="CasePlan"/>.</summary>
    public static CasePlan Plan(CaseState state) => new(
        state.Version,
        Stage(state),
        state.IsTerminated ? [] : state.Activities.Values
            .Where(a => a.Status == ActivityStatus.Scheduled)
            .Select(a => new PlannedStep(a.Sequence, a.Scheduled.Name, a.Retries))
            .ToList(),
        state.IsTerminated ? null : state.Timers.Values
            .Where(t => !t.Fired)
            .OrderBy(t => t.Scheduled.DueAt).ThenBy(t => t.Scheduled.TimerId, StringComparer.Ordinal)
            .Select(t => new PlannedTimer(t.Scheduled.TimerId, t.Scheduled.DueAt))
            .FirstOrDefault(),
        Runtime(state) == RuntimeStatus.Completed);

    public const string TagViewName = "TagView";
    public const string PanelDecisionName = "PanelDecision";
    public const string MinutesApprovedName = "MinutesApproved";

    /// <summary>
    /// The events outside parties send to a case, and when the case waits for each: the TAG's view once the DCC has
    /// submitted (it then knows the TAG's scope) until the minutes are final; the Panel's decision once a Panel report
    /// was rendered; the approval of the minutes once the meeting is recorded. An event the case already waits for is
    /// applied at once; an early one is kept and applied by <see cref="Settle"/> as soon as the case waits for it.
    /// </summary>
    public static readonly IReadOnlyList<ExternalEventKind> Waits =
    [
        new(TagViewName,
            s => s.Submission is not null && s.MinutesApproved is null,
            (s, e) => TagView.Check(s, (TagViewRecorded)e), (s, e) => TagView.Admit(s, (TagViewRecorded)e)),
        new(PanelDecisionName,
            s => s.Reports.Any(r => r.Kind == ReportKinds.PanelReport),
            (s, e) => PanelDecision.Check(s, (PanelDecisionRecorded)e)),
        new(MinutesApprovedName,
            s => s.Meeting is not null,
            (s, e) => MinutesApproval.Check(s, (MinutesApproved)e)),
    ];

    public static ExternalEventKind? FindWait(string name) =>
        Waits.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>An outside party's event: applied if the case waits for it, kept if it may later, refused otherwise.</summary>
    public static Decision Raise(CaseState state, ExternalEventKind kind, CaseEvent e)
    {
        if (CaseRules.Live(state) is { } refused) return refused;
        if (kind.Admit?.Invoke(state, e) is { } inadmissible) return inadmissible;
        if (!kind.Awaited(state))
            return Decision.Accept(new ExternalEventRaised(kind.Name, CaseRecord.Events.NameOf(e), CaseRecord.Events.Serialize(e)));
        return kind.Check(state, e) is { } rejection ? rejection : Decision.Accept(e);
    }

    /// <summary>The kept events the case now waits for, oldest first, each followed by what it brings.</summary>
    public static IReadOnlyList<RecordEvent> Settle(CaseState state)
    {
        if (state.IsTerminated) return [];
        foreach (var (sequence, raised) in state.Inbox)
        {
            var kind = FindWait(raised.Name);
            if (kind is null || !kind.Awaited(state)) continue;
            var e = (CaseEvent)CaseRecord.Events.Deserialize(raised.EventType, raised.Payload);
            // One at a time: the next one is judged against the state this one produces.
            return kind.Check(state, e) is { } rejection
                ? [new ExternalEventDelivered(sequence, rejection.Detail + Details(rejection))]
                : [new ExternalEventDelivered(sequence, null), e];
        }
        return [];
    }

    private static string Details(Rejection rejection) =>
        rejection.Errors is { Count: > 0 } errors ? " " + string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))) : "";
}

/// <summary>
/// One event the case waits for, as Durable's WaitForExternalEvent would: when it is awaited and what it must
/// satisfy (who may raise it is declared on its function). <paramref name="Check"/> judges it once awaited;
/// <paramref name="Admit"/>, where given, judges what can be judged however early it comes, so an event that
/// can never fit is not kept.
/// </summary>
public sealed record ExternalEventKind(string Name, Func<CaseState, bool> Awaited, Func<CaseState, CaseEvent, Rejection?> Check, Func<CaseState, CaseEvent, Rejection?>? Admit = null);

/// <summary>
/// What the orchestration has to do for a case, read off the record at one version: the steps recorded as
/// scheduled and not yet done, the next reminder due, and whether the timeline has run its course. Pure;
/// it travels as the "record changed" event and as every activity's answer, so the orchestrator always works
/// from the record and never from a message's own idea of what happened.
/// </summary>
public sealed record CasePlan(long Version, CaseStage Stage, IReadOnlyList<PlannedStep> Steps, PlannedTimer? NextTimer, bool Finished)
{
    /// <summary>The newer of two plans: versions only grow, and a later version already contains everything an earlier one knew.</summary>
    public CasePlan Newest(CasePlan other) => other.Version > Version ? other : this;
}

/// <summary>A step recorded as scheduled at <paramref name="Sequence"/>; <paramref name="Run"/> counts SECAS's retries of it.</summary>
public sealed record PlannedStep(long Sequence, string Activity, int Run);

public sealed record PlannedTimer(string TimerId, DateTimeOffset DueAt);
