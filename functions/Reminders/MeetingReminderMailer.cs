using System.Globalization;
using Opsg.Functions.Mail;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Reminders;

/// <summary>
/// The SendMeetingReminder step: one email per person the reminder is for, each recorded
/// (<see cref="MeetingReminderSent"/>) as soon as it is sent, and skipped when the step runs again, or beside another
/// run (<see cref="EffectsOnce"/>); with the same
/// reminder email the cases use. The papers and draft-minutes reminders are worded from the meeting as it was when the
/// step was scheduled; an action's from every meeting's record as it stands when the step runs, so a review at any
/// meeting since (closed, superseded, re-targeted) means nothing is sent.
/// </summary>
public sealed class MeetingReminderMailer(MeetingStore store, EffectsOnce once, ActionRecords records, MailRenderer renderer, SmtpMailSender sender, ReminderRecipients people, TimeProvider clock)
{
    public async Task<RecordEvent> SendAsync(string meetingId, long step, string timerId, IReadOnlyList<RecordedEvent> history)
    {
        var asScheduled = store.Kind.Fold(meetingId, history.TakeWhile(e => e.Sequence <= step));
        if (!asScheduled.Timers.TryGetValue(timerId, out var timer) || asScheduled.Scheduled is not { } meeting)
            throw new InvalidOperationException($"Meeting {meetingId} has no reminder {timerId}.");
        if (await ReminderAsync(timer.Scheduled, meeting) is not { } reminder)
            return new ActivityCompleted(step, "Not sent: no action it was about is still open with this target.");
        var recipients = people.For(meetingId, reminder);

        foreach (var recipient in recipients)
            await once.RunAsync(store, meetingId, $"reminder-{timerId}-sent-{recipient.Address.ToLowerInvariant()}",
                async () => new MeetingReminderSent(timerId, recipient.Name, recipient.Address,
                    await sender.SendAsync(ReminderEmail.Compose(renderer, recipient, reminder, meeting), CancellationToken.None)));
        return new ActivityCompleted(step, string.Create(CultureInfo.InvariantCulture, $"{recipients.Count} emails"));
    }

    /// <summary>What the fired timer says now, or null when what it was about is settled.</summary>
    private async Task<Reminder?> ReminderAsync(TimerScheduled timer, MeetingScheduled meeting)
    {
        switch (timer.Purpose)
        {
            case MeetingReminders.PapersDue: return MeetingReminderWording.PapersDue(timer, meeting);
            case MeetingReminders.DraftMinutesDue: return MeetingReminderWording.DraftMinutesDue(timer, meeting);
        }
        var actions = (await records.LoadAsync(CancellationToken.None)).Actions;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return timer.Purpose switch
        {
            MeetingReminders.ActionDue when MeetingReminders.ActionStillDue(actions, timer) is { } action => MeetingReminderWording.ActionDue(timer, action),
            MeetingReminders.ImportedOverdue when MeetingReminders.ImportedStillOverdue(actions, meeting.MeetingId, today) is { Count: > 0 } overdue =>
                MeetingReminderWording.ImportedOverdue(timer, meeting, overdue),
            _ => null,
        };
    }
}
