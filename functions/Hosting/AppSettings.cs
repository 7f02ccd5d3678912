namespace Opsg.Functions.Hosting;

/// <summary>The application settings the app reads in Azure, by name; infra/main.bicep sets each of them.</summary>
public static class AppSettings
{
    public const string StorageAccountName = "AzureWebJobsStorage__accountName";
    public const string StorageCredential = "AzureWebJobsStorage__credential";
    public const string StorageClientId = "AzureWebJobsStorage__clientId";
    public const string TaskHub = "OpsgTaskHub";
    public const string TrustAppServicePrincipal = "Auth__TrustAppServicePrincipal";

    /// <summary>The repair timer's NCRONTAB schedule (RecordRepair): how often a record ahead of its orchestration is looked for.</summary>
    public const string RepairSchedule = "OpsgRepairSchedule";

    /// <summary>Every setting above: what a deployment must provide.</summary>
    public static readonly IReadOnlyList<string> ReadInAzure = [StorageAccountName, StorageCredential, StorageClientId, TaskHub, TrustAppServicePrincipal, RepairSchedule];
}
