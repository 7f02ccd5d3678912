namespace Opsg.Functions.Storage;

/// <summary>One row of a case's history as the table holds it: the payload stays serialized here.</summary>
public sealed record StoredEvent(
    long Sequence,
    string Type,
    string Payload,
    string ActorRole,
    string ActorName,
    DateTimeOffset Time,
    string? IdempotencyKey,
    string? ActorId = null);

/// <summary>
/// The per-case summary row, rewritten in the same batch as every append so it can never disagree
/// with the history it summarises. Listing cases reads only these rows.
/// </summary>
public sealed record CaseHeader(
    string CaseId,
    long Version,
    string Name,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    string RuntimeStatus,
    string CustomStatus,
    IReadOnlyList<long> PendingActivities);

public sealed record CaseHistory(CaseHeader? Header, IReadOnlyList<StoredEvent> Events)
{
    public long Version => Header?.Version ?? 0;
}

/// <summary>
/// What an append stores beside the events under the request's Idempotency-Key (the client's, or one the app gave
/// it). <see cref="AppendId"/> names the one append that wrote it, so an append that finds the row after a lost
/// answer can tell its own write from a copy's.
/// </summary>
public sealed record IdempotencyRecord(string KeyHash, string RequestHash, int StatusCode, string? Location, string Body, long Version, string? AppendId = null);

public sealed record AppendRequest(
    string CaseId,
    long ExpectedVersion,
    IReadOnlyList<NewEvent> Events,
    CaseHeader Header,
    IdempotencyRecord? Idempotency,
    string HeaderRowKey = HistoryTable.CaseHeaderRowKey);

public sealed record NewEvent(string Type, string Payload, string ActorRole, string ActorName, DateTimeOffset Time, string? IdempotencyKey, string? ActorId = null);

public enum AppendOutcome
{
    Appended,
    /// <summary>Another writer got there first: the expected version is stale.</summary>
    VersionConflict,
    /// <summary>The idempotency key was used before; the stored record says what was answered.</summary>
    DuplicateRequest,
}

public sealed record AppendResult(AppendOutcome Outcome, long Version, IdempotencyRecord? Previous = null);

public sealed record CaseQuery(
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    IReadOnlyCollection<string> RuntimeStatuses,
    string? InstanceIdPrefix,
    int Top,
    string? ContinuationToken,
    string HeaderRowKey = HistoryTable.CaseHeaderRowKey)
{
    /// <summary>What this query selects, carried by the continuation tokens it hands out.</summary>
    public string Scope => ContinuationTokens.Scope(CreatedFrom, CreatedTo, RuntimeStatuses, InstanceIdPrefix, HeaderRowKey);
}

public sealed record CasePage(IReadOnlyList<CaseHeader> Cases, string? ContinuationToken);

/// <summary>One row of a record and the ETag it was read at.</summary>
public sealed record RowVersion(string RowKey, Azure.ETag ETag);

/// <summary>
/// A record as a purge reads it: its version, its events, and every row it has (Idempotency-Key rows included), each
/// with its ETag, so that what is deleted is exactly what was checked.
/// </summary>
public sealed record WholeRecord(string CaseId, long Version, IReadOnlyList<StoredEvent> Events, IReadOnlyList<RowVersion> Rows)
{
    /// <summary>
    /// SHA-256 (hex) over the events in order, each as one line of its stored fields (sequence, type, actor role, name and id, time in
    /// ISO 8601 UTC, Idempotency-Key, payload), each line ending in a line feed: whoever holds a copy of the record can
    /// say whether it is the one that was purged.
    /// </summary>
    public string Sha256()
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var e in Events)
        {
            var line = System.Text.Json.JsonSerializer.Serialize(new object?[]
            {
                e.Sequence, e.Type, e.ActorRole, e.ActorName, e.ActorId,
                e.Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), e.IdempotencyKey, e.Payload,
            }) + "\n";
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(line));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
