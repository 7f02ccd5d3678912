using System.Globalization;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Hosting;

/// <summary>
/// Where storage is, from configuration: locally and in tests a connection string in
/// <c>AzureWebJobsStorage</c>; in Azure no connection string, but the account name and the identity
/// to reach it with (<see cref="AppSettings"/>), as the Functions host reads them itself.
/// </summary>
public static class StorageSettings
{
    public const string ConnectionString = "AzureWebJobsStorage";

    public static void Read(IConfiguration configuration, StorageOptions options)
    {
        options.ConnectionString = configuration[ConnectionString];
        options.AccountName = configuration[Key(AppSettings.StorageAccountName)];
        options.Credential = configuration[Key(AppSettings.StorageCredential)];
        options.ClientId = configuration[Key(AppSettings.StorageClientId)];
        options.NamePrefix = configuration["Storage:NamePrefix"] ?? "";
        if (TimeSpan.TryParse(configuration["Storage:CallTimeout"], CultureInfo.InvariantCulture, out var budget) && budget > TimeSpan.Zero)
            options.CallTimeout = budget;
    }

    /// <summary>An app setting's name as IConfiguration spells it: "__" in an environment variable is ":" in a key.</summary>
    public static string Key(string appSetting) => appSetting.Replace("__", ":", StringComparison.Ordinal);
}
