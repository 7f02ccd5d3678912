namespace Opsg.Functions.Storage;

/// <summary>
/// Where the app keeps its tables, queues and containers, and how it reaches them. A name prefix lets
/// tests run side by side on one emulator without seeing each other's data.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Azurite and tests: a connection string. When set it wins over the identity settings below.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Azure: the storage account, reached at https://{account}.{blob|queue|table}.core.windows.net with an identity, never a key.</summary>
    public string? AccountName { get; set; }

    /// <summary>"managedidentity" for the app's managed identity; anything else uses DefaultAzureCredential.</summary>
    public string? Credential { get; set; }

    /// <summary>The client id of a user-assigned managed identity; none means the system-assigned one.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// How long one storage call may take in all, retries included, before the caller gets 503. A person
    /// waiting on an HTTP answer is better served by a quick "try again" than by a long hang.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Letters and digits only; empty in production.</summary>
    public string NamePrefix { get; set; } = "";

    public string HistoryTable => NamePrefix + "OpsgHistory";
    public string LinksTable => NamePrefix + "OpsgLinks";
    public string MeetingsTable => NamePrefix + "OpsgMeetings";
    public string LinkAccessTable => NamePrefix + "OpsgLinkAccess";

    /// <summary>What each purge removed (who, when, the version and hash of the record): no purge touches it.</summary>
    public string PurgedTable => NamePrefix + "OpsgPurged";

    /// <summary>Each Idempotency-Key a client sent and the request it was first used for, across all records.</summary>
    public string IdempotencyKeysTable => NamePrefix + "OpsgIdempotencyKeys";

    /// <summary>Which run of a step is doing an effect outside the record (an email) right now: rows with a lease, given back once recorded.</summary>
    public string EffectClaimsTable => NamePrefix + "OpsgEffectClaims";
    public string ReportsContainer => Lower("reports");
    public string EvidenceContainer => Lower("evidence");
    public string PayloadsContainer => Lower("payloads");

    private string Lower(string name) =>
        NamePrefix.Length == 0 ? name : $"{NamePrefix.ToLowerInvariant()}-{name}";
}
