using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Meetings;

/// <summary>Where a meeting stands: a function of its record.</summary>
public enum MeetingStage { Scheduled, Minuted, DraftIssued, Final, Cancelled }

/// <summary>What a meeting's orchestration has to do, read off the record at one version (see <see cref="MeetingProcess.Plan"/>).</summary>
public sealed record MeetingPlan(long Version, string Stage, IReadOnlyList<MeetingStep> Steps, bool Finished, TimerScheduled? NextTimer = null)
{
    public MeetingPlan Newest(MeetingPlan other) => other.Version > Version ? other : this;
}

/// <summary>A step recorded as scheduled at <paramref name="Sequence"/>; <paramref name="Run"/> counts SECAS's retries of it.</summary>
public sealed record MeetingStep(long Sequence, string Activity, int Run);

/// <summary>
/// The one home of what happens next in a meeting's life, pure. The minutes render when SECAS asks and again after
/// every change once they exist (an item, an outcome, an action raised, imported or reviewed, a note, attendance), and once more as final when a
/// later meeting approves them. Approving the previous meeting's minutes here schedules the step that makes them
/// final in that meeting's record; reviewing an action a readiness case raised schedules the step that copies the
/// review onto the case. Creating the meeting sets its reminders to SECAS (<see cref="MeetingReminders"/>), and moving
/// it sets them for the new date;
/// one that fires while still due schedules the email. The meeting is finished when its minutes are final (or it is
/// cancelled) and nothing is left to run and no reminder of its actions is still ahead. Reinstating a cancelled meeting
/// schedules nothing: the reminders set for its date are still in the record, and those still ahead are due again.
/// </summary>
public sealed class MeetingProcess : IRecordProcess<MeetingState>
{
    public const string RenderMinutesStep = "RenderMinutes";
    public const string FinalisePreviousStep = "FinalisePreviousMinutes";
    public const string ReviewOnCaseStep = "RecordReviewOnCase";

    public IEnumerable<RecordEvent> React(MeetingState before, MeetingState after, RecordEvent e, DateTimeOffset now)
    {
        switch (e)
        {
            case MinutesRequested:
            case MinutesMadeFinal when after.MinutesRequested:
            case AttendanceRecorded or AgendaItemAdded or OutcomeRecorded or MeetingActionRaised or MeetingNoteAdded or ActionImported or ActionReviewed when before.MinutesRequested:
                yield return RenderMinutes(after);
                break;
            case PreviousMinutesApproved approved:
                yield return new ActivityScheduled(FinalisePreviousStep, null, null, approved.MeetingId);
                break;
            case MeetingScheduled scheduled:
                foreach (var timer in MeetingReminders.ForMeeting(scheduled, now)) yield return timer;
                break;
            case MeetingRescheduled:
                // Moved back to a date it had before: the reminders set for that date are still there, and due again.
                foreach (var timer in MeetingReminders.ForMeeting(after.Scheduled!, now).Where(t => !after.Timers.ContainsKey(t.TimerId))) yield return timer;
                break;
            case TimerFired fired when after.Timers.TryGetValue(fired.TimerId, out var timer) && MeetingReminders.StillDue(after, timer.Scheduled):
                yield return new ActivityScheduled(MeetingReminders.SendStep, null, null, null, fired.TimerId);
                if (MeetingReminders.Chaser(after, timer.Scheduled) is { } chaser) yield return chaser;
                break;
        }
        if (e is ActionReviewed { CaseId: not null } ofCase) yield return new ActivityScheduled(ReviewOnCaseStep, null, null, ofCase.ActionId);
        if (ActionReminder(before, e, now) is { } reminder) yield return reminder;
    }

    /// <summary>An action's reminder: on the target it was raised with, revised to here, or imported with.</summary>
    private static TimerScheduled? ActionReminder(MeetingState before, RecordEvent e, DateTimeOffset now) => e switch
    {
        MeetingActionRaised raised => MeetingReminders.ForAction(raised.ActionId, raised.Target, now),
        ActionReviewed { Outcome: ActionReviewOutcome.Open } reviewed => MeetingReminders.ForAction(reviewed.ActionId, reviewed.RevisedTarget, now),
        ActionImported imported => MeetingReminders.ForImported(before, imported, now),
        _ => null,
    };

    public IReadOnlyList<RecordEvent> Settle(MeetingState state) => [];

    public RecordSummary Summarise(MeetingState state) =>
        new(state.MeetingId, Runtime(state).ToString(), Stage(state).ToString(), state.PendingActivities.ToList());

    public static MeetingStage Stage(MeetingState s) =>
        s.IsFinal ? MeetingStage.Final
        : s.IsCancelled ? MeetingStage.Cancelled
        : !s.Minutes.IsEmpty ? MeetingStage.DraftIssued
        : !s.Items.IsEmpty ? MeetingStage.Minuted
        : MeetingStage.Scheduled;

    /// <summary>Durable's words, as a case uses them: complete once final (or cancelled) with nothing left to run.</summary>
    public static RuntimeStatus Runtime(MeetingState s) =>
        s.HasFailedStep ? RuntimeStatus.Failed
        : (s.IsFinal || s.IsCancelled) && !s.PendingActivities.Any() && NextReminder(s) is null ? RuntimeStatus.Completed
        : RuntimeStatus.Running;

    public static MeetingPlan Plan(MeetingState s) => new(
        s.Version,
        Stage(s).ToString(),
        s.Activities.Values.Where(a => a.Status == ActivityStatus.Scheduled).Select(a => new MeetingStep(a.Sequence, a.Scheduled.Name, a.Retries)).ToList(),
        Runtime(s) == RuntimeStatus.Completed,
        NextReminder(s));

    /// <summary>The earliest reminder still worth sending; one no longer due (the minutes are out) is not waited for.</summary>
    private static TimerScheduled? NextReminder(MeetingState s) =>
        s.Timers.Values.Where(t => !t.Fired && MeetingReminders.StillDue(s, t.Scheduled)).Select(t => t.Scheduled).MinBy(t => t.DueAt);

    /// <summary>The next version of the minutes, rendered from the meeting as it is at this point of its history.</summary>
    private static ActivityScheduled RenderMinutes(MeetingState s) =>
        new(RenderMinutesStep, MinutesModel.TemplateName, s.Activities.Values.Count(a => a.Scheduled.Name == RenderMinutesStep) + 1, null);
}
