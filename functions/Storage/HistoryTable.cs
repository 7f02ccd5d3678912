using System.Globalization;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;

namespace Opsg.Functions.Storage;

/// <summary>
/// Case histories in Table storage: one partition per case, one insert-only row per event
/// (RowKey = zero-padded sequence), one header row and one row per idempotency key. Every append
/// is a single entity-group transaction, so a racing writer fails whole and nothing is overwritten.
/// </summary>
public sealed class HistoryTable(StorageAccount account)
{
    internal const string HeaderRowKey = "header";
    private const string IdempotencyPrefix = "idem-";
    private const string LastEventRowKey = "9999999999";
    // Table properties hold 64 KiB; larger payloads go to Blob and the row keeps a reference.
    internal const int MaxInlinePayloadChars = 30_000;
    private const string BlobPayloadMarker = "blob:";
    private const int MaxBatchOperations = 100;

    public static string RowKey(long sequence) => sequence.ToString("D10", CultureInfo.InvariantCulture);

    public async Task<CaseHistory> ReadAsync(string caseId, CancellationToken cancellationToken)
    {
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, caseId),
            TableOperators.And,
            TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThanOrEqual, LastEventRowKey),
                TableOperators.Or,
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, HeaderRowKey)));
        var rows = await QueryAsync(new TableQuery<DynamicTableEntity>().Where(filter), cancellationToken);

        CaseHeader? header = null;
        var events = new List<StoredEvent>(rows.Count);
        foreach (var row in rows)
        {
            if (row.RowKey == HeaderRowKey) header = ToHeader(row);
            else events.Add(await ToEventAsync(row, cancellationToken));
        }
        // Events are insert-only, so a contiguous prefix is a consistent view; the header may be newer.
        var version = ContiguousLength(events);
        if (header is not null && header.Version > version) header = header with { Version = version };
        return new CaseHistory(header, events.Take((int)version).ToList());
    }

    public async Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        if (request.Events.Count + 2 > MaxBatchOperations)
            throw new ArgumentException($"At most {MaxBatchOperations - 2} events fit one append.", nameof(request));

        var batch = new TableBatchOperation();
        var sequence = request.ExpectedVersion;
        foreach (var e in request.Events)
        {
            sequence++;
            batch.Insert(await ToRowAsync(request.CaseId, sequence, e, cancellationToken));
        }
        var header = ToRow(request.Header with { Version = sequence });
        if (request.ExpectedVersion == 0) batch.Insert(header); else batch.InsertOrReplace(header);
        if (request.Idempotency is { } idem) batch.Insert(ToRow(request.CaseId, idem with { Version = sequence }));

        try
        {
            await StorageErrors.Guard(() => account.History.ExecuteBatchAsync(batch, null, null, cancellationToken));
            return new AppendResult(AppendOutcome.Appended, sequence);
        }
        catch (StorageException ex) when (ex.IsConflict())
        {
            if (request.Idempotency is { } sent && await ReadIdempotencyAsync(request.CaseId, sent.KeyHash, cancellationToken) is { } previous)
                return new AppendResult(AppendOutcome.DuplicateRequest, previous.Version, previous);
            return new AppendResult(AppendOutcome.VersionConflict, request.ExpectedVersion);
        }
    }

    public async Task<IdempotencyRecord?> ReadIdempotencyAsync(string caseId, string keyHash, CancellationToken cancellationToken)
    {
        var result = await StorageErrors.Guard(() => account.History.ExecuteAsync(
            TableOperation.Retrieve(caseId, IdempotencyPrefix + keyHash), null, null, cancellationToken));
        return result.Result is DynamicTableEntity row
            ? new IdempotencyRecord(
                keyHash,
                row.Properties["RequestHash"].StringValue,
                row.Properties["StatusCode"].Int32Value ?? 200,
                row.Properties.TryGetValue("Location", out var location) ? location.StringValue : null,
                row.Properties["Body"].StringValue,
                row.Properties["Version"].Int64Value ?? 0)
            : null;
    }

    public async Task<CasePage> ListAsync(CaseQuery query, CancellationToken cancellationToken)
    {
        var filter = TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, HeaderRowKey);
        if (query.CreatedFrom is { } from)
            filter = TableQuery.CombineFilters(filter, TableOperators.And, TableQuery.GenerateFilterConditionForDate("CreatedTime", QueryComparisons.GreaterThanOrEqual, from));
        if (query.CreatedTo is { } to)
            filter = TableQuery.CombineFilters(filter, TableOperators.And, TableQuery.GenerateFilterConditionForDate("CreatedTime", QueryComparisons.LessThanOrEqual, to));
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            // PartitionKey range [prefix, prefix + U+FFFF) is exactly the ids that start with the prefix.
            filter = TableQuery.CombineFilters(filter, TableOperators.And, TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.GreaterThanOrEqual, query.InstanceIdPrefix),
                TableOperators.And,
                TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.LessThan, query.InstanceIdPrefix + '\uffff')));
        }
        if (query.RuntimeStatuses.Count > 0)
        {
            var statuses = query.RuntimeStatuses
                .Select(s => TableQuery.GenerateFilterCondition("RuntimeStatus", QueryComparisons.Equal, s))
                .Aggregate((a, b) => TableQuery.CombineFilters(a, TableOperators.Or, b));
            filter = TableQuery.CombineFilters(filter, TableOperators.And, statuses);
        }

        var tableQuery = new TableQuery<DynamicTableEntity>().Where(filter);
        var token = ContinuationTokens.Decode(query.ContinuationToken);
        var cases = new List<CaseHeader>();
        // A segment may come back short of Top; keep reading until full or the table is exhausted.
        // (The SDK refuses a take count of 0, so it is set only while something is still wanted.)
        do
        {
            tableQuery.TakeCount = query.Top - cases.Count;
            var segment = await StorageErrors.Guard(() => account.History.ExecuteQuerySegmentedAsync(tableQuery, token, null, null, cancellationToken));
            cases.AddRange(segment.Results.Select(ToHeader));
            token = segment.ContinuationToken;
        }
        while (token is not null && cases.Count < query.Top);
        return new CasePage(cases, ContinuationTokens.Encode(token));
    }

    /// <summary>Headers of cases with scheduled activities not yet finished: the outbox to re-drive.</summary>
    public async Task<IReadOnlyList<CaseHeader>> WithPendingActivitiesAsync(CancellationToken cancellationToken)
    {
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.Equal, HeaderRowKey),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("Pending", QueryComparisons.NotEqual, ""));
        var rows = await QueryAsync(new TableQuery<DynamicTableEntity>().Where(filter), cancellationToken);
        return rows.Select(ToHeader).ToList();
    }

    public async Task<bool> PurgeAsync(string caseId, CancellationToken cancellationToken)
    {
        var filter = TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, caseId);
        var rows = await QueryAsync(new TableQuery<DynamicTableEntity>().Where(filter).Select(["RowKey"]), cancellationToken);
        foreach (var chunk in rows.Chunk(MaxBatchOperations))
        {
            var batch = new TableBatchOperation();
            foreach (var row in chunk) batch.Delete(new DynamicTableEntity(row.PartitionKey, row.RowKey) { ETag = "*" });
            await StorageErrors.Guard(() => account.History.ExecuteBatchAsync(batch, null, null, cancellationToken));
        }
        return rows.Count > 0;
    }

    private async Task<List<DynamicTableEntity>> QueryAsync(TableQuery<DynamicTableEntity> query, CancellationToken cancellationToken)
    {
        var rows = new List<DynamicTableEntity>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await StorageErrors.Guard(() => account.History.ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken));
            rows.AddRange(segment.Results);
            token = segment.ContinuationToken;
        }
        while (token is not null);
        return rows;
    }

    private static long ContiguousLength(List<StoredEvent> events)
    {
        long expected = 1;
        foreach (var e in events)
        {
            if (e.Sequence != expected) break;
            expected++;
        }
        return expected - 1;
    }

    private async Task<DynamicTableEntity> ToRowAsync(string caseId, long sequence, NewEvent e, CancellationToken cancellationToken)
    {
        var payload = e.Payload;
        if (payload.Length > MaxInlinePayloadChars)
        {
            // Name derives from case + sequence: a retried append overwrites the same bytes.
            var name = $"{caseId}/{RowKey(sequence)}.json";
            var blob = account.Payloads.GetBlockBlobReference(name);
            blob.Properties.ContentType = "application/json";
            await StorageErrors.Guard(() => blob.UploadTextAsync(payload, System.Text.Encoding.UTF8, null, null, null, cancellationToken));
            payload = BlobPayloadMarker + name;
        }
        var row = new DynamicTableEntity(caseId, RowKey(sequence));
        row.Properties["Type"] = new EntityProperty(e.Type);
        row.Properties["Payload"] = new EntityProperty(payload);
        row.Properties["ActorRole"] = new EntityProperty(e.ActorRole);
        row.Properties["ActorName"] = new EntityProperty(e.ActorName);
        row.Properties["Time"] = new EntityProperty(e.Time);
        row.Properties["IdempotencyKey"] = new EntityProperty(e.IdempotencyKey);
        return row;
    }

    private async Task<StoredEvent> ToEventAsync(DynamicTableEntity row, CancellationToken cancellationToken)
    {
        var payload = row.Properties["Payload"].StringValue;
        if (payload.StartsWith(BlobPayloadMarker, StringComparison.Ordinal))
        {
            var blob = account.Payloads.GetBlockBlobReference(payload[BlobPayloadMarker.Length..]);
            payload = await StorageErrors.Guard(() => blob.DownloadTextAsync(null, null, null, null, cancellationToken));
        }
        return new StoredEvent(
            long.Parse(row.RowKey, CultureInfo.InvariantCulture),
            row.Properties["Type"].StringValue,
            payload,
            row.Properties["ActorRole"].StringValue,
            row.Properties["ActorName"].StringValue,
            row.Properties["Time"].DateTimeOffsetValue ?? DateTimeOffset.MinValue,
            row.Properties.TryGetValue("IdempotencyKey", out var key) ? key.StringValue : null);
    }

    private static DynamicTableEntity ToRow(CaseHeader header)
    {
        var row = new DynamicTableEntity(header.CaseId, HeaderRowKey) { ETag = "*" };
        row.Properties["Version"] = new EntityProperty(header.Version);
        row.Properties["Name"] = new EntityProperty(header.Name);
        row.Properties["CreatedTime"] = new EntityProperty(header.CreatedTime);
        row.Properties["LastUpdatedTime"] = new EntityProperty(header.LastUpdatedTime);
        row.Properties["RuntimeStatus"] = new EntityProperty(header.RuntimeStatus);
        row.Properties["CustomStatus"] = new EntityProperty(header.CustomStatus);
        row.Properties["Pending"] = new EntityProperty(string.Join(',', header.PendingActivities));
        return row;
    }

    private static DynamicTableEntity ToRow(string caseId, IdempotencyRecord record)
    {
        var row = new DynamicTableEntity(caseId, IdempotencyPrefix + record.KeyHash);
        row.Properties["RequestHash"] = new EntityProperty(record.RequestHash);
        row.Properties["StatusCode"] = new EntityProperty(record.StatusCode);
        row.Properties["Location"] = new EntityProperty(record.Location);
        row.Properties["Body"] = new EntityProperty(record.Body);
        row.Properties["Version"] = new EntityProperty(record.Version);
        return row;
    }

    private static CaseHeader ToHeader(DynamicTableEntity row)
    {
        var pending = row.Properties.TryGetValue("Pending", out var p) ? p.StringValue : "";
        return new CaseHeader(
            row.PartitionKey,
            row.Properties["Version"].Int64Value ?? 0,
            row.Properties["Name"].StringValue,
            row.Properties["CreatedTime"].DateTimeOffsetValue ?? DateTimeOffset.MinValue,
            row.Properties["LastUpdatedTime"].DateTimeOffsetValue ?? DateTimeOffset.MinValue,
            row.Properties["RuntimeStatus"].StringValue,
            row.Properties["CustomStatus"].StringValue,
            string.IsNullOrEmpty(pending) ? [] : pending.Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList());
    }
}
