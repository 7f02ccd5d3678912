using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace Opsg.Functions.Storage;

/// <summary>
/// Case histories in Table storage: one partition per case, one insert-only row per event
/// (RowKey = zero-padded sequence), one header row and one row per idempotency key. Every append
/// is a single entity-group transaction, so a racing writer fails whole and nothing is overwritten.
/// </summary>
public sealed partial class HistoryTable(StorageAccount account)
{
    internal const string HeaderRowKey = CaseHeaderRowKey;

    /// <summary>
    /// The summary row of a case. Each kind of record names its own, so listing one kind (a filter on the row key)
    /// never meets another's; a case's is "header" as it always was.
    /// </summary>
    public const string CaseHeaderRowKey = "header";
    private const string IdempotencyPrefix = "idem-";
    private const string LastEventRowKey = "9999999999";
    // Table properties hold 64 KiB; larger payloads go to Blob and the row keeps a reference.
    internal const int MaxInlinePayloadChars = 30_000;
    private const string BlobPayloadMarker = "blob:";
    private const int MaxBatchOperations = 100;

    public static string RowKey(long sequence) => sequence.ToString("D10", CultureInfo.InvariantCulture);

    /// <param name="headerRowKey">The summary row of the record's kind, read with the events (its ETag, in particular).</param>
    public async Task<CaseHistory> ReadAsync(string caseId, CancellationToken cancellationToken, string headerRowKey = HeaderRowKey)
    {
        var (header, events, headerETag) = await ReadAsStoredAsync(caseId, cancellationToken, headerRowKey);
        // Events are insert-only, so a contiguous prefix is a consistent view; the header may be newer, and then its
        // ETag does not stand for these events.
        var version = ContiguousLength(events);
        if (header is not null && header.Version != version) headerETag = null;
        if (header is not null && header.Version > version) header = header with { Version = version };
        return new CaseHistory(header, events.Take((int)version).ToList(), headerETag);
    }

    /// <summary>
    /// Every event row of a record as it stands, gaps included, in sequence order, and the header as written: what a
    /// check of the record against its hash chain reads (<see cref="ReadAsync"/> stops at the first gap).
    /// </summary>
    public async Task<CaseHistory> ReadAsStoredAsync(string caseId, CancellationToken cancellationToken, string headerRowKey = HeaderRowKey)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {caseId} and (RowKey le {LastEventRowKey} or RowKey eq {headerRowKey})");
        var rows = await account.ReadAllAsync(account.History, filter, select: null, cancellationToken);

        CaseHeader? header = null;
        string? headerETag = null;
        var events = new List<StoredEvent>(rows.Count);
        foreach (var row in rows)
        {
            if (row.RowKey == headerRowKey) (header, headerETag) = (ToHeader(row), row.ETag.ToString());
            else events.Add(await ToEventAsync(row, cancellationToken));
        }
        return new CaseHistory(header, events, headerETag);
    }

    public async Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        if (request.Events.Count + 2 > MaxBatchOperations)
            throw new ArgumentException($"At most {MaxBatchOperations - 2} events fit one append.", nameof(request));

        var batch = new List<TableTransactionAction>(request.Events.Count + 2);
        var sequence = request.ExpectedVersion;
        foreach (var e in request.Events)
        {
            sequence++;
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, await ToRowAsync(request.CaseId, sequence, e, cancellationToken)));
        }
        var header = ToRow(request.Header with { Version = sequence }, request.HeaderRowKey);
        var headerAt = batch.Count;
        batch.Add(request.ExpectedVersion == 0 ? new TableTransactionAction(TableTransactionActionType.Add, header)
            // Decided on a cached state: written only if the header is still the one that state was read or written with.
            : request.HeaderETag is { } etag ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, header, new ETag(etag))
            : new TableTransactionAction(TableTransactionActionType.UpsertReplace, header));
        var appendId = Guid.NewGuid().ToString("N");
        if (request.Idempotency is { } idem) batch.Add(new TableTransactionAction(TableTransactionActionType.Add, ToRow(request.CaseId, idem with { Version = sequence, AppendId = appendId })));

        try
        {
            var answers = await account.CallAsync(ct => account.History.SubmitTransactionAsync(batch, ct), cancellationToken);
            return new AppendResult(AppendOutcome.Appended, sequence, HeaderETag: HeaderETagOf(answers.Value, headerAt));
        }
        // A header conditioned on its ETag that is gone (purged) answers 404: the record changed, as a conflict says.
        catch (RequestFailedException ex) when (ex.IsConflict() || (request.HeaderETag is not null && ex.IsNotFound()))
        {
            // The SDK retries a try that had no answer in time; when that try was written after all, the retry finds
            // its own rows. The key's row tells which append wrote them.
            IdempotencyRecord? previous;
            try { previous = request.Idempotency is { } sent ? await ReadIdempotencyAsync(request.CaseId, sent.KeyHash, cancellationToken) : null; }
            catch (StorageUnavailableException unavailable) { throw OutcomeUnknown(request, unavailable); }
            return previous is null ? new AppendResult(AppendOutcome.VersionConflict, request.ExpectedVersion)
                : previous.AppendId == appendId ? new AppendResult(AppendOutcome.Appended, sequence)
                : new AppendResult(AppendOutcome.DuplicateRequest, previous.Version, previous);
        }
        catch (StorageUnavailableException unavailable) when (!StorageErrors.NeverReachedStorage(unavailable))
        {
            throw OutcomeUnknown(request, unavailable);
        }
    }

    private static string? HeaderETagOf(IReadOnlyList<Response> answers, int index) =>
        index < answers.Count && answers[index].Headers.ETag is { } etag ? etag.ToString() : null;

    private static StorageOutcomeUnknownException OutcomeUnknown(AppendRequest request, StorageUnavailableException unavailable) =>
        new($"Storage stopped answering while case '{request.CaseId}' was being appended to at version {request.ExpectedVersion}: it may or may not be written.",
            unavailable, request.CaseId, request.ExpectedVersion);

    /// <summary>The ETag of the record's summary row as it is now, one point read; null when it has none (never created, or purged).</summary>
    public async Task<string?> ReadHeaderETagAsync(string caseId, string headerRowKey, CancellationToken cancellationToken)
    {
        var found = await account.CallAsync(ct => account.History.GetEntityIfExistsAsync<TableEntity>(caseId, headerRowKey, select: ["RowKey"], cancellationToken: ct), cancellationToken);
        return found.HasValue && found.Value is { } row ? row.ETag.ToString() : null;
    }

    public async Task<IdempotencyRecord?> ReadIdempotencyAsync(string caseId, string keyHash, CancellationToken cancellationToken)
    {
        var found = await account.CallAsync(ct => account.History.GetEntityIfExistsAsync<TableEntity>(caseId, IdempotencyPrefix + keyHash, cancellationToken: ct), cancellationToken);
        return found.HasValue && found.Value is { } row
            ? new IdempotencyRecord(
                keyHash,
                row.GetString("RequestHash"),
                row.GetInt32("StatusCode") ?? 200,
                row.GetString("Location"),
                row.GetString("Body"),
                row.GetInt64("Version") ?? 0,
                row.GetString("AppendId"))
            : null;
    }

    public async Task<CasePage> ListAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {query.HeaderRowKey}");
        if (query.CreatedFrom is { } from) filter += " and " + TableClient.CreateQueryFilter($"CreatedTime ge {from}");
        if (query.CreatedTo is { } to) filter += " and " + TableClient.CreateQueryFilter($"CreatedTime le {to}");
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            // PartitionKey range [prefix, prefix + U+FFFF) is exactly the ids that start with the prefix.
            var prefix = query.InstanceIdPrefix;
            filter += " and " + TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + '\uffff'}");
        }
        if (query.RuntimeStatuses.Count > 0)
            filter += " and (" + string.Join(" or ", query.RuntimeStatuses.Select(s => TableClient.CreateQueryFilter($"RuntimeStatus eq {s}"))) + ")";

        var continuation = ContinuationTokens.Decode(query.ContinuationToken, query.Scope);
        var cases = new List<CaseHeader>();
        // A page may come back short of Top; keep reading until full or the table is exhausted.
        do
        {
            var page = await account.ReadPageAsync(account.History, filter, select: null, pageSize: query.Top - cases.Count, continuation, cancellationToken);
            cases.AddRange(page.Values.Select(ToHeader));
            continuation = TableQueries.NullIfEmpty(page.ContinuationToken);
        }
        while (continuation is not null && cases.Count < query.Top);
        return new CasePage(cases, ContinuationTokens.Encode(continuation, query.Scope));
    }

    /// <summary>Headers of cases with scheduled activities not yet finished: the outbox to re-drive.</summary>
    public async Task<IReadOnlyList<CaseHeader>> WithPendingActivitiesAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {HeaderRowKey} and Pending ne {""}");
        var rows = await account.ReadAllAsync(account.History, filter, select: null, cancellationToken);
        return rows.Select(ToHeader).ToList();
    }

    private static long ContiguousLength(IReadOnlyList<StoredEvent> events)
    {
        long expected = 1;
        foreach (var e in events)
        {
            if (e.Sequence != expected) break;
            expected++;
        }
        return expected - 1;
    }

    private async Task<TableEntity> ToRowAsync(string caseId, long sequence, NewEvent e, CancellationToken cancellationToken)
    {
        var payload = e.Payload;
        if (payload.Length > MaxInlinePayloadChars)
        {
            // Name derives from case + sequence: a retried append overwrites the same bytes.
            var name = $"{caseId}/{RowKey(sequence)}.json";
            var blob = account.Payloads.GetBlobClient(name);
            await account.CallAsync(ct => blob.UploadAsync(BinaryData.FromString(payload), new Azure.Storage.Blobs.Models.BlobUploadOptions
            {
                HttpHeaders = new Azure.Storage.Blobs.Models.BlobHttpHeaders { ContentType = "application/json" },
            }, ct), cancellationToken);
            payload = BlobPayloadMarker + name;
        }
        var row = new TableEntity(caseId, RowKey(sequence))
        {
            ["Type"] = e.Type,
            ["Payload"] = payload,
            ["ActorRole"] = e.ActorRole,
            ["ActorName"] = e.ActorName,
            ["Time"] = e.Time,
        };
        if (e.IdempotencyKey is not null) row["IdempotencyKey"] = e.IdempotencyKey;
        if (e.ActorId is not null) row["ActorId"] = e.ActorId;
        if (e.PreviousHash is not null) row["PreviousHash"] = e.PreviousHash;
        if (e.ChainHash is not null) row["ChainHash"] = e.ChainHash;
        return row;
    }

    private async Task<StoredEvent> ToEventAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var payload = row.GetString("Payload");
        if (payload.StartsWith(BlobPayloadMarker, StringComparison.Ordinal))
        {
            var blob = account.Payloads.GetBlobClient(payload[BlobPayloadMarker.Length..]);
            payload = (await account.CallAsync(ct => blob.DownloadContentAsync(ct), cancellationToken)).Value.Content.ToString();
        }
        return new StoredEvent(
            long.Parse(row.RowKey, CultureInfo.InvariantCulture),
            row.GetString("Type"),
            payload,
            row.GetString("ActorRole"),
            row.GetString("ActorName"),
            row.GetDateTimeOffset("Time") ?? DateTimeOffset.MinValue,
            row.GetString("IdempotencyKey"),
            row.GetString("ActorId"),
            row.GetString("PreviousHash"),
            row.GetString("ChainHash"));
    }

    private static TableEntity ToRow(CaseHeader header, string rowKey) => new(header.CaseId, rowKey)
    {
        ["Version"] = header.Version,
        ["Name"] = header.Name,
        ["CreatedTime"] = header.CreatedTime,
        ["LastUpdatedTime"] = header.LastUpdatedTime,
        ["RuntimeStatus"] = header.RuntimeStatus,
        ["CustomStatus"] = header.CustomStatus,
        ["Pending"] = string.Join(',', header.PendingActivities),
    };

    private static TableEntity ToRow(string caseId, IdempotencyRecord record)
    {
        var row = new TableEntity(caseId, IdempotencyPrefix + record.KeyHash)
        {
            ["RequestHash"] = record.RequestHash,
            ["StatusCode"] = record.StatusCode,
            ["Body"] = record.Body,
            ["Version"] = record.Version,
        };
        if (record.Location is not null) row["Location"] = record.Location;
        if (record.AppendId is not null) row["AppendId"] = record.AppendId;
        return row;
    }

    private static CaseHeader ToHeader(TableEntity row)
    {
        var pending = row.GetString("Pending") ?? "";
        return new CaseHeader(
            row.PartitionKey,
            row.GetInt64("Version") ?? 0,
            row.GetString("Name"),
            row.GetDateTimeOffset("CreatedTime") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("LastUpdatedTime") ?? DateTimeOffset.MinValue,
            row.GetString("RuntimeStatus"),
            row.GetString("CustomStatus"),
            pending.Length == 0 ? [] : pending.Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList());
    }
}
