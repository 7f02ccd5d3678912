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
    /// <summary>SECAS's secretariat, who get every reminder: the same "Name &lt;address&gt;; …" format.</summary>
    public string? SecretariatRecipients { get; set; }
    /// <summary>The DCC's contact, who also gets the reminder of an action the DCC owns or shares.</summary>
    public string? DccRecipients { get; set; }

    /// <summary>
    /// The most one email's exchange with the server may take, from connecting to the goodbye (MailKit's own default is
    /// two minutes per operation). It bounds how long a step holds its claim on the email (Workflow:EffectClaimLease).
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
