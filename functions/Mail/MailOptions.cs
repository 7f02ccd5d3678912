namespace Opsg.Functions.Mail;

public enum MailTlsMode { None, StartTls, SslOnConnect }

/// <summary>Settings `Mail__*`: the SMTP server (maildev locally, Azure Communication Services or any mail service in Azure) and what the mails point at.</summary>
public sealed class MailOptions
{
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1025;
    public MailTlsMode TlsMode { get; set; } = MailTlsMode.None;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "OPSG Secretariat <opsg@localhost>";
    /// <summary>Where the app is reached from outside: the Panel's links are this plus /api/links/{token}.</summary>
    public string LinkBaseUrl { get; set; } = "http://127.0.0.1:7071";
    /// <summary>The Panel distribution list: "Name &lt;address&gt;" entries separated by semicolons.</summary>
    public string? PanelRecipients { get; set; }
}
