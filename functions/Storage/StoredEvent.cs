namespace Opsg.Functions.Storage;

/// <summary>
/// One row of a case's history as the table holds it: the payload stays serialized here. <see cref="PreviousHash"/> and
/// <see cref="ChainHash"/> link it to the row before it (Records/RecordChain); a row written before the chain has neither.
/// </summary>
public sealed record StoredEvent(
    long Sequence,
    string Type,
    string Payload,
    string ActorRole,
    string ActorName,
    DateTimeOffset Time,
    string? IdempotencyKey,
    string? ActorId = null,
    string? PreviousHash = null,
    string? ChainHash = null)
{
    /// <summary>
    /// The row's stored fields as one line (sequence, type, actor role, name and id, time in ISO 8601 UTC, Idempotency-Key,
    /// payload; a JSON array ending in a line feed): the one canonical form of an event, hashed by the purge's tombstone
    /// and by the chain. The hashes themselves are not part of it.
    /// </summary>
    public string CanonicalLine() => System.Text.Json.JsonSerializer.Serialize(new object?[]
    {
        Sequence, Type, ActorRole, ActorName, ActorId,
        Time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), IdempotencyKey, Payload,
    }) + "\n";
}

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

/// <summary>
/// A record's rows as read. <see cref="HeaderETag"/>: the header row's ETag, when the header stands for exactly these
/// events; every append rewrites the header and a purge deletes it, so an append conditioned on it fails if anything
/// was written since.
/// </summary>
public sealed record CaseHistory(CaseHeader? Header, IReadOnlyList<StoredEvent> Events, string? HeaderETag = null)
{
    public long Version => Header?.Version ?? 0;
}

/// <summary>
/// What an append stores beside the events under the request's Idempotency-Key (the client's, or one the app gave
/// it). <see cref="AppendId"/> names the one append that wrote it, so an append that finds the row after a lost
/// answer can tell its own write from a copy's.
/// </summary>
public sealed record IdempotencyRecord(string KeyHash, string RequestHash, int StatusCode, string? Location, string Body, long Version, string? AppendId = null);

/// <summary>
/// One append. <see cref="HeaderETag"/>: when set (a command decided on a cached state), the header is replaced only at
/// that ETag, so the append fails whole if anything was written, or the record purged, since that state.
/// </summary>
public sealed record AppendRequest(
    string CaseId,
    long ExpectedVersion,
    IReadOnlyList<NewEvent> Events,
    CaseHeader Header,
    IdempotencyRecord? Idempotency,
    string HeaderRowKey = HistoryTable.CaseHeaderRowKey,
    string? HeaderETag = null);

/// <summary>An event to append; the table gives it the sequence after the one before it in the request.</summary>
public sealed record NewEvent(
    string Type, string Payload, string ActorRole, string ActorName, DateTimeOffset Time, string? IdempotencyKey, string? ActorId = null,
    string? PreviousHash = null, string? ChainHash = null)
{
    /// <summary>The row this event becomes at <paramref name="sequence"/>.</summary>
    public StoredEvent AsStored(long sequence) => new(sequence, Type, Payload, ActorRole, ActorName, Time, IdempotencyKey, ActorId, PreviousHash, ChainHash);
}

public enum AppendOutcome
{
    Appended,
    /// <summary>Another writer got there first: the expected version is stale.</summary>
    VersionConflict,
    /// <summary>The idempotency key was used before; the stored record says what was answered.</summary>
    DuplicateRequest,
}

/// <summary><see cref="HeaderETag"/>: the header row's ETag as this append wrote it; null when that answer was lost.</summary>
public sealed record AppendResult(AppendOutcome Outcome, long Version, IdempotencyRecord? Previous = null, string? HeaderETag = null);

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
    /// SHA-256 (hex) over the events in order, each as its <see cref="StoredEvent.CanonicalLine"/>: whoever holds a copy
    /// of the record can say whether it is the one that was purged.
    /// </summary>
    public string Sha256()
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var e in Events) sha.AppendData(System.Text.Encoding.UTF8.GetBytes(e.CanonicalLine()));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
