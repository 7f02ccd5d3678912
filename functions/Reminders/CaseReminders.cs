using System.Globalization;
using System.Text.RegularExpressions;
using Opsg.Functions.Steps;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;

namespace Opsg.Functions.Reminders;

/// <summary>Who a reminder goes to, by role; Mail__SecretariatRecipients and Mail__DccRecipients say which people that is.</summary>
public enum ReminderAudience { Secretariat, Dcc }

/// <summary>A reminder whose timer fired and which still matters: what it says and to whom.</summary>
public sealed record Reminder(string Id, IReadOnlyList<ReminderAudience> To, string About, string Headline, IReadOnlyList<ReminderFact> Facts);

/// <summary>One line of a reminder's particulars, e.g. "Target date: 13 March 2020".</summary>
public sealed record ReminderFact(string Label, string Value);

/// <summary>
/// The reminders of a case's timeline, pure: when each falls (a durable timer at 09:00 UTC on its day), what it says
/// and who hears of it: the meeting (the pack must go out) five days before it, to SECAS's secretariat; the report to
/// the Panel three days before it is due, to the secretariat; an action on its target date, to the secretariat and,
/// for an action the DCC owns or shares, to the DCC's contact. Whether a fired one still matters is the case's
/// process's to decide (Orchestration/CaseProcess).
/// </summary>
public static partial class CaseReminders
{
    public const string MeetingReminder = "MeetingReminder";
    public const string ActionDue = "ActionDue";
    public const string ReportDue = "ReportDue";

    /// <summary>The step that emails a reminder whose timer fired.</summary>
    public const string SendStep = "SendReminder";

    public static readonly TimeSpan MeetingLead = TimeSpan.FromDays(5);
    public static readonly TimeSpan ReportDueLead = TimeSpan.FromDays(3);
    private static readonly TimeOnly At = new(9, 0);

    /// <summary>The review's reminders that are still ahead of <paramref name="now"/>.</summary>
    public static IEnumerable<TimerScheduled> ForReview(ReviewOpened opened, DateTimeOffset now)
    {
        // The date is in the id: a moved meeting is a new reminder, not the old one again (a timer id fires once).
        var meeting = new TimerScheduled($"meeting-{opened.MeetingId}-{Iso(opened.MeetingDate)}", On(opened.MeetingDate) - MeetingLead, MeetingReminder, opened.MeetingId);
        if (meeting.DueAt > now) yield return meeting;
        if (opened.ReportDueDate is not { } due) yield break;
        var report = new TimerScheduled($"report-due-{Iso(due)}", On(due) - ReportDueLead, ReportDue, Iso(due));
        if (report.DueAt > now) yield return report;
    }

    /// <summary>An action's reminder on its target date; each revision has a timer of its own.</summary>
    public static TimerScheduled ForAction(string actionId, DateOnly target, int revision) =>
        new($"action-{actionId.Replace(' ', '-').Replace('/', '-')}-r{revision}", On(target), ActionDue, actionId);

    /// <summary>When the meeting's reminder falls for this review.</summary>
    public static DateTimeOffset MeetingDueAt(ReviewOpened review) => On(review.MeetingDate) - MeetingLead;

    /// <summary>The meeting is near and the readiness pack must reach members before it.</summary>
    public static Reminder Meeting(TimerScheduled timer, ReviewOpened review) =>
        new(timer.TimerId, [ReminderAudience.Secretariat],
            $"OPSG meeting {review.MeetingId} on {ReportFormats.LongDate(review.MeetingDate)}",
            $"The OPSG meeting {review.MeetingId} is on {ReportFormats.LongDate(review.MeetingDate)}: the readiness pack must reach members before it.",
            [new("Meeting", $"{review.MeetingId}, {ReportFormats.LongDate(review.MeetingDate)}")]);

    /// <summary>The consolidated report to the Panel is due and not yet issued.</summary>
    public static Reminder ReportDueSoon(TimerScheduled timer, DateOnly due) =>
        new(timer.TimerId, [ReminderAudience.Secretariat],
            $"the report to the SEC Panel is due on {ReportFormats.LongDate(due)}",
            $"The consolidated TAG/OPSG report to the SEC Panel is due on {ReportFormats.LongDate(due)} and has not been issued yet.",
            [new("Report due", ReportFormats.LongDate(due))]);

    /// <summary>An open action reached its target date; the DCC hears of one it owns or shares.</summary>
    public static Reminder ActionIsDue(TimerScheduled timer, ActionState action, DateOnly target) =>
        new(timer.TimerId, DccShares(action.Raised.Owner) ? [ReminderAudience.Secretariat, ReminderAudience.Dcc] : [ReminderAudience.Secretariat],
            $"action {action.Raised.ActionId} is due",
            $"Action {action.Raised.ActionId} reached its target date, {ReportFormats.LongDate(target)}, and is still open.",
            [new("Action", action.Raised.Text), new("Owner", action.Raised.Owner), new("Target date", ReportFormats.LongDate(target))]);

    /// <summary>"DCC", "DNOs/DCC", "DCC and SECAS": the DCC owns or shares it.</summary>
    public static bool DccShares(string owner) => DccWord().IsMatch(owner);

    public static DateTimeOffset On(DateOnly day) => new(day.ToDateTime(At), TimeSpan.Zero);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\bDCC\b", RegexOptions.IgnoreCase)]
    private static partial Regex DccWord();
}
