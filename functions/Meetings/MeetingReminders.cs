using System.Globalization;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Meetings;

/// <summary>
/// When a meeting's reminders fall, pure. To SECAS: the papers, some working days before the meeting (while nothing is
/// minuted yet); the draft minutes, some working days after it, then every working day until they are out (at most
/// <see cref="MaxChasers"/> more). For an action: on its dated target, set by the meeting that raised it and again by
/// each meeting whose review revised the target; the one sent is the one whose date is the action's current target
/// while it is open (<see cref="ActionStillDue"/>), so a revision or a closure at any later meeting cancels the rest.
/// Each is a durable timer at 09:00 UTC. Nothing is set for a date a week gone: a reminder of that reminds nobody of
/// anything. Imported actions already past their target get no reminder each (that would be a flood of old news) but
/// one digest to SECAS the next working day, listing those still open and overdue then.
/// </summary>
public static class MeetingReminders
{
    public const string PapersDue = "PapersDue";
    public const string DraftMinutesDue = "DraftMinutesDue";
    public const string ActionDue = "MeetingActionDue";
    public const string ImportedOverdue = "ImportedActionsOverdue";
    public const string SendStep = "SendMeetingReminder";
    public const int PapersDueWorkingDays = 5;
    public const int DraftMinutesWorkingDays = 5;
    public const int MaxChasers = 5;
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(7);
    private static readonly TimeOnly At = new(9, 0);

    public static IEnumerable<TimerScheduled> ForMeeting(MeetingScheduled meeting, DateTimeOffset now)
    {
        var papers = new TimerScheduled($"papers-{meeting.MeetingId}-{Iso(meeting.Date)}", On(WorkingDays(meeting.Date, -meeting.PapersDueWorkingDays)), PapersDue, Iso(meeting.Date));
        var minutes = DraftMinutes(meeting, WorkingDays(meeting.Date, meeting.DraftMinutesWorkingDays), 0);
        return new[] { papers, minutes }.Where(t => t.DueAt > now - StaleAfter);
    }

    /// <summary>The reminder of an action's dated target (raised with it, or revised to it), unless that date is a week gone.</summary>
    public static TimerScheduled? ForAction(string actionId, string? target, DateTimeOffset now) =>
        target is not null && ActionTargets.AsDate(target) is { } due && On(due) > now - StaleAfter ? ActionTimer(actionId, due) : null;

    /// <summary>An imported action's reminder on a target still ahead; for one already past, the day's digest (once).</summary>
    public static TimerScheduled? ForImported(MeetingState before, ActionImported imported, DateTimeOffset now)
    {
        if (imported.Target is null || ActionTargets.AsDate(imported.Target) is not { } due) return null;
        if (On(due) > now) return ActionTimer(imported.ActionId, due);
        var next = WorkingDays(DateOnly.FromDateTime(now.UtcDateTime), 1);
        var digest = new TimerScheduled($"imported-overdue-{Iso(next)}", On(next), ImportedOverdue, null);
        return before.Timers.ContainsKey(digest.TimerId) ? null : digest;
    }

    /// <summary>
    /// Whether a fired reminder still says something true, as far as this meeting's record knows: the papers before
    /// anything is minuted, the minutes until out (and neither once the minutes are final or the meeting is cancelled),
    /// each only for the date the meeting now has. An action's reminders depend on every meeting's reviews; the sending
    /// step reads those (<see cref="ActionStillDue"/>, <see cref="ImportedStillOverdue"/>).
    /// </summary>
    public static bool StillDue(MeetingState state, TimerScheduled timer) => timer.Purpose switch
    {
        PapersDue => state.Items.IsEmpty && !state.IsFinal && !state.IsCancelled && ForCurrentDate(state, timer),
        DraftMinutesDue => state.Minutes.IsEmpty && !state.IsFinal && !state.IsCancelled && ForCurrentDate(state, timer),
        ActionDue or ImportedOverdue => true,
        _ => false,
    };

    /// <summary>The action a fired target reminder is about, while it is open and the timer's date is still its target.</summary>
    public static ActionHistory? ActionStillDue(ActionsAcrossMeetings actions, TimerScheduled timer) =>
        timer.Ref is { } actionId && actions.Find(actionId) is { IsClosed: false, CurrentTarget: { } target } action
            && ActionTargets.AsDate(target) is { } due && On(due) == timer.DueAt
            ? action
            : null;

    /// <summary>The actions this meeting imported that are open and past their target on <paramref name="today"/>.</summary>
    public static IReadOnlyList<ActionHistory> ImportedStillOverdue(ActionsAcrossMeetings actions, string meetingId, DateOnly today) =>
        actions.All.Where(a => a.ImportedAt == meetingId && !a.IsClosed && a.DaysOverdueOn(today) > 0).ToList();

    /// <summary>The next working day's chaser after a draft-minutes reminder that was still due, up to the limit.</summary>
    public static TimerScheduled? Chaser(MeetingState state, TimerScheduled fired)
    {
        if (fired.Purpose != DraftMinutesDue || !StillDue(state, fired) || state.Scheduled is not { } meeting) return null;
        var chaser = int.Parse(fired.Ref!, CultureInfo.InvariantCulture) + 1;
        return chaser > MaxChasers ? null : DraftMinutes(meeting, WorkingDays(DateOnly.FromDateTime(fired.DueAt.UtcDateTime), 1), chaser);
    }

    /// <summary>The next working day <paramref name="days"/> away (Saturdays and Sundays skipped; bank holidays are not known).</summary>
    public static DateOnly WorkingDays(DateOnly from, int days)
    {
        var step = Math.Sign(days);
        var date = from;
        for (var left = Math.Abs(days); left > 0;)
        {
            date = date.AddDays(step);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) left--;
        }
        return date;
    }

    /// <summary>
    /// Whether a papers or draft-minutes reminder was set for the date the meeting has now: the date is in their ids, so
    /// those set before the meeting moved say nothing true and are not sent.
    /// </summary>
    private static bool ForCurrentDate(MeetingState state, TimerScheduled timer) =>
        state.Scheduled is { } meeting && (timer.TimerId.StartsWith($"papers-{meeting.MeetingId}-{Iso(meeting.Date)}", StringComparison.Ordinal)
            || timer.TimerId.StartsWith($"draft-minutes-{meeting.MeetingId}-{Iso(meeting.Date)}-", StringComparison.Ordinal));

    private static TimerScheduled ActionTimer(string actionId, DateOnly due) =>
        new($"action-{actionId.Replace(' ', '-').Replace('/', '-')}-{Iso(due)}", On(due), ActionDue, actionId);

    private static TimerScheduled DraftMinutes(MeetingScheduled meeting, DateOnly on, int chaser) =>
        new($"draft-minutes-{meeting.MeetingId}-{Iso(meeting.Date)}-{chaser.ToString(CultureInfo.InvariantCulture)}", On(on), DraftMinutesDue, chaser.ToString(CultureInfo.InvariantCulture));

    private static DateTimeOffset On(DateOnly date) => new(date.ToDateTime(At), TimeSpan.Zero);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
