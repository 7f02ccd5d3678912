using Opsg.Functions.Mail;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Links;

/// <summary>What the Panel's email shows (templates/mail/panel-link.*): every value already worded, nothing left to compute.</summary>
public sealed record PanelLinkMail(MailClassification Classification, string Subject, string RecipientName, string CaseTitle, string ExpiresAt, string Url);

/// <summary>
/// The email that carries the Panel's link: plain text and simple HTML from the same model, the classification
/// first; no images, no tracking, nothing fetched when it is opened.
/// </summary>
public static class PanelLinkEmail
{
    public const string Template = "panel-link";

    public static PanelLinkMail Model(MailRecipient to, string title, Classification classification, DateTimeOffset expiresAt, string url)
    {
        var marking = MailWording.Classification(classification);
        var oneLineTitle = MailWording.OneLine(title);
        return new PanelLinkMail(marking, MailWording.Subject(marking, "OPSG report for the SEC Panel: " + oneLineTitle), to.Name, oneLineTitle, MailWording.Time(expiresAt), url);
    }

    public static OutgoingMail Compose(MailRenderer renderer, MailRecipient to, string title, Classification classification, DateTimeOffset expiresAt, string url)
    {
        var model = Model(to, title, classification, expiresAt, url);
        var rendered = renderer.Render(Template, model);
        return new OutgoingMail(to.Name, to.Address, model.Subject, rendered.Text, rendered.Html);
    }
}
