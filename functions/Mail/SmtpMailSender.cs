using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Opsg.Functions.Mail;

/// <summary>
/// An email ready to go: plain text and HTML of the same content. <paramref name="MessageKey"/>, when given, makes
/// the Message-Id stable (key@from-domain), so the same email sent again is recognisably the same message.
/// </summary>
public sealed record OutgoingMail(string ToName, string ToAddress, string Subject, string Text, string Html, string? MessageKey = null);

/// <summary>
/// The only code that knows MailKit: one message per call, over SMTP, within <see cref="MailOptions.SendTimeout"/>.
/// A failure throws, so the activity's Durable retry policy applies. Answers the Message-Id it gave the message, which the record keeps.
/// </summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options)
{
    public async Task<string> SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var from = MailboxAddress.Parse(settings.From);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(new MailboxAddress(mail.ToName, mail.ToAddress));
        message.Subject = mail.Subject;
        message.MessageId = mail.MessageKey is { } key ? $"{key}@{from.Domain}" : MimeKit.Utils.MimeUtils.GenerateMessageId(from.Domain);
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(settings.SendTimeout);
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host, settings.Port, settings.TlsMode switch
        {
            MailTlsMode.StartTls => SecureSocketOptions.StartTls,
            MailTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.None,
        }, budget.Token);
        if (!string.IsNullOrEmpty(settings.User)) await client.AuthenticateAsync(settings.User, settings.Password ?? "", budget.Token);
        await client.SendAsync(message, budget.Token);
        await client.DisconnectAsync(quit: true, budget.Token);
        return message.MessageId;
    }
}
