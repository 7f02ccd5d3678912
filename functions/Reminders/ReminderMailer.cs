using System.Globalization;
using Opsg.Functions.Cases;
using Opsg.Functions.Mail;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Reminders;

/// <summary>
/// The SendReminder step: one email per person the reminder is for, each recorded (<see cref="ReminderSent"/>) as
/// soon as it is sent. Safe to run again, and beside another run (each email sent by one run at a time,
/// <see cref="EffectsOnce"/>): a recipient already recorded for this reminder is skipped, so no run sends twice what
/// one recorded; an email sent but not yet recorded when a process dies is sent again
/// (at least once, never silently lost). The reminder is worded from the case as it was when the step was scheduled.
/// </summary>
public sealed class ReminderMailer(CaseStore store, EffectsOnce once, MailRenderer renderer, SmtpMailSender sender, ReminderRecipients people, FaultInjection faults)
{
    /// <param name="stillDue">The case's rule for whether a fired reminder is still due (the case's process owns it).</param>
    public async Task<RecordEvent> SendAsync(string caseId, long step, string reminderId, IReadOnlyList<RecordedEvent> history, Func<CaseState, TimerScheduled, Reminder?> stillDue)
    {
        var asScheduled = store.Kind.Fold(caseId, history.TakeWhile(e => e.Sequence <= step));
        var reminder = (asScheduled.Timers.TryGetValue(reminderId, out var timer) ? stillDue(asScheduled, timer.Scheduled) : null)
            ?? throw new InvalidOperationException($"Reminder {reminderId} was not due when its step was scheduled.");
        var recipients = people.For(caseId, reminder);

        foreach (var recipient in recipients)
            await once.RunAsync(store, caseId, $"reminder-{reminderId}-sent-{recipient.Address.ToLowerInvariant()}",
                async () =>
                {
                    var mail = ReminderEmail.Compose(renderer, recipient, reminder, asScheduled);
                    faults.MailSending();
                    var messageId = await sender.SendAsync(mail, CancellationToken.None);
                    faults.MailSent();
                    return new ReminderSent(reminderId, recipient.Name, recipient.Address, messageId);
                });
        return new ActivityCompleted(step, string.Create(CultureInfo.InvariantCulture, $"{recipients.Count} emails"));
    }
}
