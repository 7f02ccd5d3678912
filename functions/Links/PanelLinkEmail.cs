using System.Globalization;
using System.Text;
using Opsg.Functions.Cases;
using Opsg.Functions.Mail;

namespace Opsg.Functions.Links;

/// <summary>
/// The email that carries the Panel's link: plain text and simple HTML with the same content, the
/// classification first. Every value goes through <see cref="Html"/> in the HTML part; no images, no
/// tracking, nothing fetched when it is opened.
/// </summary>
public static class PanelLinkEmail
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static OutgoingMail Compose(MailRecipient to, string title, Classification classification, DateTimeOffset expiresAt, string url)
    {
        var marking = classification == Classification.NotForPublication ? "NOT FOR PUBLICATION" : "PUBLISHABLE";
        var oneLineTitle = string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var expiry = expiresAt.ToUniversalTime().ToString("d MMMM yyyy 'at' HH:mm 'UTC'", EnGb);
        var subject = $"[{marking}] OPSG report for the SEC Panel: {oneLineTitle}";

        var text = new StringBuilder()
            .Append("Classification: ").Append(marking).Append("\r\n\r\n")
            .Append("Dear ").Append(to.Name).Append(",\r\n\r\n")
            .Append("The consolidated TAG/OPSG report for the SEC Panel is ready: ").Append(oneLineTitle).Append(".\r\n\r\n")
            .Append("Open it here (this link is for you alone and works until ").Append(expiry).Append("):\r\n")
            .Append(url).Append("\r\n\r\n")
            .Append("SECAS, on behalf of the SEC Operations Group\r\n")
            .ToString();

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>").Append(Html(subject)).Append("</title></head><body>")
            .Append("<p><strong>Classification: ").Append(Html(marking)).Append("</strong></p>")
            .Append("<p>Dear ").Append(Html(to.Name)).Append(",</p>")
            .Append("<p>The consolidated TAG/OPSG report for the SEC Panel is ready: ").Append(Html(oneLineTitle)).Append(".</p>")
            .Append("<p><a href=\"").Append(Html(url)).Append("\">Open the report</a> (this link is for you alone and works until ").Append(Html(expiry)).Append(").</p>")
            .Append("<p>SECAS, on behalf of the SEC Operations Group</p>")
            .Append("</body></html>")
            .ToString();

        return new OutgoingMail(to.Name, to.Address, subject, text, html);
    }

    /// <summary>The one place mail HTML is encoded: everything that can end an attribute or open markup, ' ` and = included.</summary>
    public static string Html(string value)
    {
        var encoded = new StringBuilder(value.Length);
        foreach (var c in value)
            encoded.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '`' => "&#96;",
                '=' => "&#61;",
                _ => c.ToString(),
            });
        return encoded.ToString();
    }
}
