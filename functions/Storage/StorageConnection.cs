using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace Opsg.Functions.Storage;

/// <summary>
/// How the app reaches its storage account: with a connection string (Azurite locally and in tests),
/// or in Azure with the account's endpoints and an Entra ID identity, so no account key is ever in
/// the settings. Building the clients touches no network.
/// </summary>
public abstract record StorageConnection
{
    /// <summary>What Azurite on its default ports answers to, when nothing else is configured.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>The value the Functions host convention uses for "the app's managed identity".</summary>
    public const string ManagedIdentity = "managedidentity";

    private StorageConnection() { }

    public static StorageConnection From(StorageOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString)) return new WithConnectionString(options.ConnectionString);
        if (!string.IsNullOrWhiteSpace(options.AccountName))
            return new WithIdentity(options.AccountName, string.Equals(options.Credential, ManagedIdentity, StringComparison.OrdinalIgnoreCase), NullIfEmpty(options.ClientId));
        return new WithConnectionString(DevelopmentStorage);
    }

    internal abstract StorageServiceClients CreateClients(TableClientOptions tables, BlobClientOptions blobs);

    public sealed record WithConnectionString(string Value) : StorageConnection
    {
        internal override StorageServiceClients CreateClients(TableClientOptions tables, BlobClientOptions blobs) =>
            new(new TableServiceClient(Value, tables), new BlobServiceClient(Value, blobs));

        // The connection string may hold an account key: never in a log line or an exception message.
        public override string ToString() => "connection string";
    }

    /// <summary>An account reached with an identity: the app's managed identity, or DefaultAzureCredential's chain.</summary>
    public sealed record WithIdentity(string AccountName, bool UsesManagedIdentity, string? ClientId) : StorageConnection
    {
        public Uri BlobEndpoint => Endpoint("blob");
        public Uri TableEndpoint => Endpoint("table");

        public TokenCredential CreateCredential() => UsesManagedIdentity
            ? new ManagedIdentityCredential(ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(ClientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = ClientId });

        internal override StorageServiceClients CreateClients(TableClientOptions tables, BlobClientOptions blobs)
        {
            // One credential for the three services: one token cache, one identity.
            var credential = CreateCredential();
            return new(new TableServiceClient(TableEndpoint, credential, tables), new BlobServiceClient(BlobEndpoint, credential, blobs));
        }

        private Uri Endpoint(string service) => new($"https://{AccountName}.{service}.core.windows.net");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

internal sealed record StorageServiceClients(TableServiceClient Tables, BlobServiceClient Blobs);
