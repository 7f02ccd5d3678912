using System.Security.Cryptography;
using System.Text;
using Opsg.Functions.Cases;
using Opsg.Functions.Mail;
using Opsg.Functions.Meetings;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Reminders;

/// <summary>
/// What a reminder's email shows (templates/mail/reminder.*): every value already worded. The record it is about is a
/// case ("Case", "its title (its id)") or a meeting ("Meeting", "OPSG 25").
/// </summary>
public sealed record ReminderMail(MailClassification Classification, string Subject, string RecipientName, string Headline, string RecordLabel, string RecordName, IReadOnlyList<ReminderFact> Facts);

/// <summary>A reminder by email: plain text and simple HTML from the same model, the case's classification first.</summary>
public static class ReminderEmail
{
    public const string Template = "reminder";

    public static ReminderMail Model(MailRecipient to, Reminder reminder, CaseState state)
    {
        var opened = state.Opened ?? throw new InvalidOperationException("The case was never opened.");
        var marking = MailWording.Classification(opened.Classification);
        var title = MailWording.OneLine(opened.Title);
        return new ReminderMail(marking, MailWording.Subject(marking, $"Reminder: {reminder.About} ({title})"), to.Name, reminder.Headline, "Case", $"{title} ({state.CaseId})", reminder.Facts);
    }

    /// <summary>A meeting's reminder: the meeting's classification first, then what is due and the meeting.</summary>
    public static ReminderMail Model(MailRecipient to, Reminder reminder, MeetingScheduled meeting)
    {
        var marking = MailWording.Classification(meeting.Classification);
        return new ReminderMail(marking, MailWording.Subject(marking, $"Reminder: {reminder.About}"), to.Name, reminder.Headline, "Meeting", meeting.MeetingId.Replace('_', ' '), reminder.Facts);
    }

    public static OutgoingMail Compose(MailRenderer renderer, MailRecipient to, Reminder reminder, MeetingScheduled meeting)
    {
        var model = Model(to, reminder, meeting);
        var rendered = renderer.Render(Template, model);
        return new OutgoingMail(to.Name, to.Address, model.Subject, rendered.Text, rendered.Html, MessageKey(meeting.MeetingId, reminder.Id, to.Address));
    }

    public static OutgoingMail Compose(MailRenderer renderer, MailRecipient to, Reminder reminder, CaseState state)
    {
        var model = Model(to, reminder, state);
        var rendered = renderer.Render(Template, model);
        return new OutgoingMail(to.Name, to.Address, model.Subject, rendered.Text, rendered.Html, MessageKey(state.CaseId, reminder.Id, to.Address));
    }

    /// <summary>
    /// One Message-Id per reminder and person: the email a dying process sent but had not recorded goes out again
    /// after the restart as the same message, which mail stores that de-duplicate on Message-Id show once.
    /// Only letters, digits, '.', '-' and '_' (a dot-atom); the address enters as a hash.
    /// </summary>
    public static string MessageKey(string caseId, string reminderId, string address)
    {
        var person = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(address.ToLowerInvariant())))[..16];
        var safe = new string(reminderId.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        return $"opsg-reminder.{caseId}.{safe}.{person}";
    }
}
