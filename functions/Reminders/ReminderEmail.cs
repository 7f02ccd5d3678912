using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Mail;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Reminders;

/// <summary>What a reminder's email shows (templates/mail/reminder.*): every value already worded.</summary>
public sealed record ReminderMail(MailClassification Classification, string Subject, string RecipientName, string Headline, string CaseTitle, string CaseId, IReadOnlyList<ReminderFact> Facts);

/// <summary>A reminder by email: plain text and simple HTML from the same model, the case's classification first.</summary>
public static class ReminderEmail
{
    public const string Template = "reminder";

    public static ReminderMail Model(MailRecipient to, Reminder reminder, CaseState state)
    {
        var opened = state.Opened ?? throw new InvalidOperationException("The case was never opened.");
        var marking = MailWording.Classification(opened.Classification);
        var title = MailWording.OneLine(opened.Title);
        return new ReminderMail(marking, MailWording.Subject(marking, $"Reminder: {reminder.About} ({title})"), to.Name, reminder.Headline, title, state.CaseId, reminder.Facts);
    }

    public static OutgoingMail Compose(MailRenderer renderer, MailRecipient to, Reminder reminder, CaseState state)
    {
        var model = Model(to, reminder, state);
        var rendered = renderer.Render(Template, model);
        return new OutgoingMail(to.Name, to.Address, model.Subject, rendered.Text, rendered.Html);
    }
}
