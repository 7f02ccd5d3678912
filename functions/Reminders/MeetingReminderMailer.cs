using System.Globalization;
using Microsoft.Extensions.Options;
using Opsg.Functions.Mail;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Reminders;

/// <summary>
/// The SendMeetingReminder step: one email per person of SECAS's secretariat, each recorded
/// (<see cref="MeetingReminderSent"/>) as soon as it is sent, and skipped when the step runs again; worded from the
/// meeting as it was when the step was scheduled, with the same reminder email the cases use.
/// </summary>
public sealed class MeetingReminderMailer(MeetingStore store, MailRenderer renderer, SmtpMailSender sender, IOptions<MailOptions> options, TimeProvider clock, ILogger<MeetingReminderMailer> logger)
{
    public async Task<RecordEvent> SendAsync(string meetingId, long step, string timerId, IReadOnlyList<RecordedEvent> history)
    {
        var asScheduled = store.Kind.Fold(meetingId, history.TakeWhile(e => e.Sequence <= step));
        if (!asScheduled.Timers.TryGetValue(timerId, out var timer) || asScheduled.Scheduled is not { } meeting)
            throw new InvalidOperationException($"Meeting {meetingId} has no reminder {timerId}.");
        var (recipients, refused) = MailRecipients.Configured(options.Value.SecretariatRecipients, "Mail__SecretariatRecipients");
        if (refused is not null) throw new InvalidOperationException("Mail__SecretariatRecipients is not a valid list of recipients.");
        if (recipients.Count == 0) logger.LogWarning("Reminder {Reminder} of meeting {MeetingId} reaches nobody: Mail__SecretariatRecipients is empty", timerId, meetingId);

        var recorded = history.Select(e => e.Event).OfType<MeetingReminderSent>().Where(s => s.Reminder == timerId).Select(s => s.Address).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var recipient in recipients.Where(r => !recorded.Contains(r.Address)))
        {
            var mail = Compose(recipient, timer.Scheduled, meeting);
            var messageId = await sender.SendAsync(mail, CancellationToken.None);
            await store.RecordOnceAsync(meetingId, $"reminder-{timerId}-sent-{recipient.Address.ToLowerInvariant()}", clock.GetUtcNow(),
                _ => Decision.Accept(new MeetingReminderSent(timerId, recipient.Name, recipient.Address, messageId)));
        }
        return new ActivityCompleted(step, string.Create(CultureInfo.InvariantCulture, $"{recipients.Count} emails"));
    }

    private OutgoingMail Compose(MailRecipient to, TimerScheduled timer, MeetingScheduled meeting)
    {
        var marking = MailWording.Classification(meeting.Classification);
        var name = meeting.MeetingId.Replace('_', ' ');
        var held = ReportFormats.LongDate(meeting.Date);
        var (about, headline) = timer.Purpose == MeetingReminders.PapersDue
            ? ($"papers for {name} on {held}", $"The Operations Group meets on {held} ({name}): the papers must reach members before it.")
            : ($"draft minutes of {name}", $"The Operations Group met on {held} ({name}) and its draft minutes are not out yet.");
        var model = new ReminderMail(marking, MailWording.Subject(marking, $"Reminder: {about}"), to.Name, headline, "Meeting", name,
            [new ReminderFact("Meeting", $"{name}, {held}, {meeting.StartTime} – {meeting.EndTime}")]);
        var rendered = renderer.Render(ReminderEmail.Template, model);
        return new OutgoingMail(to.Name, to.Address, model.Subject, rendered.Text, rendered.Html, ReminderEmail.MessageKey(meeting.MeetingId, timer.TimerId, to.Address));
    }
}
