using System.Globalization;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Meetings;

/// <summary>
/// When a meeting's reminders to SECAS fall, pure: the papers, some working days before the meeting (while nothing is
/// minuted yet); the draft minutes, some working days after it, then every working day until they are out (at most
/// <see cref="MaxChasers"/> more). Each is a durable timer at 09:00 UTC. A meeting recorded after the fact (its dates
/// long past) sets none: a reminder of something a week gone reminds nobody of anything.
/// </summary>
public static class MeetingReminders
{
    public const string PapersDue = "PapersDue";
    public const string DraftMinutesDue = "DraftMinutesDue";
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

    /// <summary>Whether a fired reminder still says something true: the papers before anything is minuted, the minutes until out.</summary>
    public static bool StillDue(MeetingState state, TimerScheduled timer) => timer.Purpose switch
    {
        PapersDue => state.Items.IsEmpty,
        DraftMinutesDue => state.Minutes.IsEmpty,
        _ => false,
    };

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

    private static TimerScheduled DraftMinutes(MeetingScheduled meeting, DateOnly on, int chaser) =>
        new($"draft-minutes-{meeting.MeetingId}-{Iso(meeting.Date)}-{chaser.ToString(CultureInfo.InvariantCulture)}", On(on), DraftMinutesDue, chaser.ToString(CultureInfo.InvariantCulture));

    private static DateTimeOffset On(DateOnly date) => new(date.ToDateTime(At), TimeSpan.Zero);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
