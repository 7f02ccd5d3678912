using System.Text.RegularExpressions;
using Opsg.Functions.Hosting;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Infra;

/// <summary>
/// The Function App that infra/main.bicep deploys is given exactly the settings the app reads
/// (<see cref="AppSettings.ReadInAzure"/>) and those the Functions host reads for itself, and no
/// storage account key reaches it by any path.
/// </summary>
public sealed partial class AppSettingsTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    /// <summary>
    /// Settings the Functions host reads, not our code. Flex Consumption takes the worker runtime and
    /// its version from the site's functionAppConfig, so FUNCTIONS_WORKER_RUNTIME and
    /// FUNCTIONS_EXTENSION_VERSION are deliberately not here: the plan refuses them.
    /// </summary>
    private static readonly string[] PlatformSettings =
    [
        "APPLICATIONINSIGHTS_CONNECTION_STRING",     // where the host sends telemetry
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", // as which identity: the component refuses unauthenticated telemetry
    ];

    [Fact]
    public void EverySettingTheAppReadsInAzure_IsSetByTheTemplate()
    {
        var set = compiled.AppSettings().Select(s => s.Name).ToList();

        Assert.All(AppSettings.ReadInAzure, name => Assert.Contains(name, set));
    }

    [Fact]
    public void EverySettingTheTemplateSets_IsReadByTheAppOrByTheFunctionsHost()
    {
        var known = AppSettings.ReadInAzure.Concat(PlatformSettings).ToHashSet(StringComparer.Ordinal);

        Assert.All(compiled.AppSettings(), setting => Assert.True(known.Contains(setting.Name),
            $"{setting.Name} is set by infra/main.bicep but read by neither the app (AppSettings.ReadInAzure) nor the Functions host"));
    }

    [Fact]
    public void NoSettingIsSetTwice()
    {
        var names = compiled.AppSettings().Select(s => s.Name).ToList();

        Assert.Equal(names.Distinct(StringComparer.OrdinalIgnoreCase), names);
    }

    [Fact]
    public void StorageIsReachedThroughTheManagedIdentity()
    {
        var settings = compiled.AppSettings().ToDictionary(s => s.Name, s => s.Value);

        Assert.Equal("managedidentity", settings[AppSettings.StorageCredential]);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", settings[AppSettings.StorageClientId], StringComparison.Ordinal);
        Assert.DoesNotContain(settings.Keys, name => name == "AzureWebJobsStorage");
    }

    [Fact]
    public void NoSettingValue_CarriesAnAccountKey()
    {
        Assert.All(compiled.AppSettings(), setting =>
            Assert.DoesNotContain("AccountKey", setting.Value, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void TheTemplate_CallsNoListFunction()
    {
        // listKeys, listAccountSas, listServiceSas and their kin all hand out keys or key-signed tokens.
        Assert.DoesNotContain(compiled.Expressions(), expression => ListFunction().IsMatch(expression));
    }

    [Fact]
    public void TheStorageAccount_RefusesSharedKeys()
    {
        var account = compiled.Resources().Single(r => r["type"]!.GetValue<string>() == "Microsoft.Storage/storageAccounts");

        Assert.False(account["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
    }

    [GeneratedRegex(@"\blist\w*\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();
}
