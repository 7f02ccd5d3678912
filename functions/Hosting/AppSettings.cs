namespace Opsg.Functions.Hosting;

/// <summary>The application settings the app reads in Azure, by name; infra/main.bicep sets each of them.</summary>
public static class AppSettings
{
    public const string StorageAccountName = "AzureWebJobsStorage__accountName";
    public const string StorageCredential = "AzureWebJobsStorage__credential";
    public const string StorageClientId = "AzureWebJobsStorage__clientId";
    public const string TaskHub = "OpsgTaskHub";
    public const string TrustAppServicePrincipal = "Auth__TrustAppServicePrincipal";

    /// <summary>
    /// Optional, and deliberately not set by infra/: accept API keys in Azure (Security/AuthOptions). Without it every
    /// caller there signs in with Entra ID.
    /// </summary>
    public const string AllowApiKeysInAzure = "Auth__AllowApiKeysInAzure";

    /// <summary>The repair timer's NCRONTAB schedule (RecordRepair): how often a record ahead of its orchestration is looked for.</summary>
    public const string RepairSchedule = "OpsgRepairSchedule";

    /// <summary>Email over SMTP (functions/Mail/MailOptions); the password is a Key Vault reference.</summary>
    public const string MailHost = "Mail__Host";
    public const string MailPort = "Mail__Port";
    public const string MailTlsMode = "Mail__TlsMode";
    public const string MailUser = "Mail__User";
    public const string MailPassword = "Mail__Password";
    public const string MailFrom = "Mail__From";
    public const string MailLinkBaseUrl = "Mail__LinkBaseUrl";
    public const string MailPanelRecipients = "Mail__PanelRecipients";
    public const string MailSecretariatRecipients = "Mail__SecretariatRecipients";
    public const string MailDccRecipients = "Mail__DccRecipients";

    /// <summary>Serve evidence only once Defender for Storage found it clean (functions/Submissions/EvidenceOptions): on wherever infra turns malware scanning on.</summary>
    public const string EvidenceMalwareScanRequired = "Evidence__MalwareScanRequired";

    /// <summary>Every setting above: what a deployment must provide.</summary>
    public static readonly IReadOnlyList<string> ReadInAzure = [StorageAccountName, StorageCredential, StorageClientId, TaskHub, TrustAppServicePrincipal, RepairSchedule,
        MailHost, MailPort, MailTlsMode, MailUser, MailPassword, MailFrom, MailLinkBaseUrl, MailPanelRecipients,
        MailSecretariatRecipients, MailDccRecipients, EvidenceMalwareScanRequired];
}
