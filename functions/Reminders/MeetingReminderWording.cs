using Opsg.Functions.Meetings;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Reminders;

/// <summary>What a meeting's reminders say and to whom, pure; whether one is still due is <see cref="MeetingReminders"/>'s.</summary>
public static class MeetingReminderWording
{
    public static Reminder PapersDue(TimerScheduled timer, MeetingScheduled meeting) =>
        new(timer.TimerId, [ReminderAudience.Secretariat], $"papers for {Name(meeting.MeetingId)} on {Held(meeting)}",
            $"The Operations Group meets on {Held(meeting)} ({Name(meeting.MeetingId)}): the papers must reach members before it.", [When(meeting)]);

    public static Reminder DraftMinutesDue(TimerScheduled timer, MeetingScheduled meeting) =>
        new(timer.TimerId, [ReminderAudience.Secretariat], $"draft minutes of {Name(meeting.MeetingId)}",
            $"The Operations Group met on {Held(meeting)} ({Name(meeting.MeetingId)}) and its draft minutes are not out yet.", [When(meeting)]);

    /// <summary>An open action reached its current target; the DCC hears of one it owns or shares.</summary>
    public static Reminder ActionDue(TimerScheduled timer, ActionHistory action)
    {
        var target = ReportFormats.LongDate(DateOnly.FromDateTime(timer.DueAt.UtcDateTime));
        return new(timer.TimerId, CaseReminders.DccShares(action.Owner) ? [ReminderAudience.Secretariat, ReminderAudience.Dcc] : [ReminderAudience.Secretariat],
            $"action {action.ActionId} is due",
            $"Action {action.ActionId} reached its target date, {target}, and is still open.",
            [new("Action", action.Text), new("Owner", action.Owner), new("Raised", $"{Name(action.RaisedAt)}, {ReportFormats.LongDate(action.RaisedOn)}"), new("Target date", target)]);
    }

    /// <summary>One email for every imported action already past its target, instead of one each.</summary>
    public static Reminder ImportedOverdue(TimerScheduled timer, MeetingScheduled meeting, IReadOnlyList<ActionHistory> overdue) =>
        new(timer.TimerId, [ReminderAudience.Secretariat], $"{Count(overdue.Count)} imported at {Name(meeting.MeetingId)} past their target",
            $"{Count(overdue.Count)} imported at {Name(meeting.MeetingId)} {(overdue.Count == 1 ? "is" : "are")} open and past {(overdue.Count == 1 ? "its" : "their")} target. No reminder is sent for each: the register and the next minutes list them as overdue.",
            overdue.Select(a => new ReminderFact(a.ActionId, $"{a.Text} (owner {a.Owner}; target {ActionTargets.Printed(a.CurrentTarget)})")).ToList());

    private static string Count(int actions) => actions == 1 ? "1 action" : $"{actions} actions";

    private static ReminderFact When(MeetingScheduled meeting) => new("Meeting", $"{Name(meeting.MeetingId)}, {Held(meeting)}, {meeting.StartTime} – {meeting.EndTime}");

    private static string Name(string meetingId) => meetingId.Replace('_', ' ');

    private static string Held(MeetingScheduled meeting) => ReportFormats.LongDate(meeting.Date);
}
