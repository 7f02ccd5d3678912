using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Opsg.Functions.Hosting;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>
/// Which way storage is reached, decided from configuration alone: a connection string locally and in
/// tests, the account's endpoints and an identity (never a key) in Azure. Nothing here touches a network.
/// </summary>
public sealed class StorageSettingsTests
{
    private const string AzuriteConnection =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;TableEndpoint=http://127.0.0.1:41002/devstoreaccount1;";

    [Fact]
    public void GivenAConnectionString_WhenStorageIsBuilt_ThenEveryClientUsesItsEndpoints()
    {
        var account = Build(new() { ["AzureWebJobsStorage"] = AzuriteConnection });

        Assert.IsType<StorageConnection.WithConnectionString>(account.Connection);
        Assert.Equal("http://127.0.0.1:41002/devstoreaccount1/OpsgHistory", account.History.Uri.ToString().TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:41000/devstoreaccount1/reports", account.Reports.Uri.ToString());
    }

    [Fact]
    public void GivenOnlyTheAccountName_WhenStorageIsBuilt_ThenTheAccountsHttpsEndpointsWithDefaultAzureCredential()
    {
        var account = Build(new() { [StorageSettings.Key(AppSettings.StorageAccountName)] = "opsgprod" });

        var identity = Assert.IsType<StorageConnection.WithIdentity>(account.Connection);
        Assert.False(identity.UsesManagedIdentity);
        Assert.IsType<DefaultAzureCredential>(identity.CreateCredential());
        Assert.Equal("https://opsgprod.table.core.windows.net/OpsgHistory", account.History.Uri.ToString().TrimEnd('/'));
        Assert.Equal("https://opsgprod.blob.core.windows.net/evidence", account.Evidence.Uri.ToString());
    }

    [Fact]
    public void GivenAManagedIdentityWithAClientId_WhenStorageIsBuilt_ThenThatUserAssignedIdentity()
    {
        var account = Build(new()
        {
            [StorageSettings.Key(AppSettings.StorageAccountName)] = "opsgprod",
            [StorageSettings.Key(AppSettings.StorageCredential)] = "managedidentity",
            [StorageSettings.Key(AppSettings.StorageClientId)] = "0f4a2c1e-7d3b-4c55-9a61-2b8e5d0c9f17",
        });

        var identity = Assert.IsType<StorageConnection.WithIdentity>(account.Connection);
        Assert.True(identity.UsesManagedIdentity);
        Assert.Equal("0f4a2c1e-7d3b-4c55-9a61-2b8e5d0c9f17", identity.ClientId);
        Assert.IsType<ManagedIdentityCredential>(identity.CreateCredential());
    }

    [Fact]
    public void GivenAConnectionStringAndAnAccountName_WhenStorageIsBuilt_ThenTheConnectionStringWins()
    {
        var account = Build(new()
        {
            ["AzureWebJobsStorage"] = AzuriteConnection,
            [StorageSettings.Key(AppSettings.StorageAccountName)] = "opsgprod",
        });

        Assert.IsType<StorageConnection.WithConnectionString>(account.Connection);
        Assert.StartsWith("http://127.0.0.1:41002/", account.History.Uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNothing_WhenStorageIsBuilt_ThenTheEmulatorOnItsDefaultPorts()
    {
        var account = Build([]);

        Assert.Equal(new StorageConnection.WithConnectionString(StorageConnection.DevelopmentStorage), account.Connection);
        Assert.Equal(10002, account.History.Uri.Port);
    }

    [Fact]
    public void GivenTheAppSettingsAsEnvironmentVariables_WhenRead_ThenTheirDoubleUnderscoreNamesAreFound()
    {
        // Azure hands app settings to the process as environment variables; a prefix keeps this test's own.
        var prefix = $"OPSGTEST{Guid.NewGuid():N}_";
        var settings = new Dictionary<string, string>
        {
            [AppSettings.StorageAccountName] = "opsgprod",
            [AppSettings.StorageCredential] = "managedidentity",
            [AppSettings.StorageClientId] = "client-1",
        };
        foreach (var (name, value) in settings) Environment.SetEnvironmentVariable(prefix + name, value);
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();
            var options = new StorageOptions();
            StorageSettings.Read(configuration, options);

            Assert.Null(options.ConnectionString);
            Assert.Equal(("opsgprod", "managedidentity", "client-1"), (options.AccountName, options.Credential, options.ClientId));
        }
        finally
        {
            foreach (var name in settings.Keys) Environment.SetEnvironmentVariable(prefix + name, null);
        }
    }

    private static StorageAccount Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new StorageOptions();
        StorageSettings.Read(configuration, options);
        return new StorageAccount(Options.Create(options));
    }
}
