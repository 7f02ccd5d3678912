using System.Diagnostics;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Records;

/// <summary>
/// The edge between a kind of record's pure logic and storage: load the history, fold it, decide, append atomically
/// with whatever the kind's process does next. Everything decided is in the record before anyone is told, so a crash
/// at any point loses nothing that was acknowledged.
/// </summary>
public class RecordStore<TState>(HistoryTable history, RecordKind<TState> kind, RecordCacheSize? cacheSize = null) where TState : RecordState
{
    private readonly RecordCache<TState> _cache = new((cacheSize ?? RecordCacheSize.Default).Records);

    private const int EngineRaceRetries = 5;
    // Each round of a burst has one winner, so this bounds a burst of that many reserving requests on one record.
    private const int ReservedRaceRetries = 50;

    public RecordKind<TState> Kind => kind;

    private Rejection ChangedMeanwhile =>
        new(409, $"The {kind.Noun} changed while this was being recorded.", $"Another change to this {kind.Noun} was recorded first. Read the {kind.Noun} again and retry.");

    public async Task<TState> LoadAsync(string id, CancellationToken cancellationToken) =>
        kind.Fold(id, await LoadHistoryAsync(id, cancellationToken));

    /// <summary>
    /// The record folded, or null when it has no history (never created, or purged). A record this process holds is
    /// served as held once a point read of its header row shows the same ETag (nothing appended, nothing purged since);
    /// otherwise the partition is read.
    /// </summary>
    public async Task<(TState State, IReadOnlyList<RecordedEvent> History)?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (await HeldAsync(id, cancellationToken) is { } held) return (held.State, held.History);
        var read = await ReadAndKeepAsync(id, cancellationToken);
        return read.History.Count == 0 ? null : read;
    }

    /// <summary>
    /// The record as this process holds it, if a point read of its header row shows the ETag it was held at: nothing
    /// appended by anyone, nothing purged since. That read is where a command or a read "reads" the record, as the
    /// partition query is otherwise, so a storage outage and a race meet it exactly where they met the query.
    /// </summary>
    private async Task<CachedRecord<TState>?> HeldAsync(string id, CancellationToken cancellationToken)
    {
        if (_cache.Find(id) is not { } held) return null;
        if (await history.ReadHeaderETagAsync(id, kind.HeaderRowKey, cancellationToken) == held.HeaderETag) return held;
        // Behind the table (another process wrote, an answer was lost, a purge): whatever is read next replaces it.
        _cache.Forget(id);
        return null;
    }

    /// <summary>
    /// Every record still in storage (a purged one has no rows left), folded. Reads the header rows page by page, then
    /// the partition of each record this process does not hold (<see cref="RecordCache{TState}"/>) at the version and
    /// creation time its header shows, a few at a time so a long list does not flood the table. The header is written in
    /// the same transaction as every append, so it cannot fall behind: reading every meeting and case for one list
    /// (actions across meetings, the register, the Issues Log) costs one query of the headers when nothing moved.
    /// </summary>
    public async Task<IReadOnlyList<TState>> LoadAllAsync(CancellationToken cancellationToken)
    {
        var headers = new List<CaseHeader>();
        string? continuation = null;
        do
        {
            var page = await history.ListAsync(new CaseQuery(null, null, [], null, 1000, continuation, kind.HeaderRowKey), cancellationToken);
            headers.AddRange(page.Cases);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        var states = new TState[headers.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, headers.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var header = headers[i];
                states[i] = _cache.Find(header.CaseId) is { State: var held } && held.Version == header.Version && held.CreatedTime == header.CreatedTime
                    ? held
                    : (await ReadAndKeepAsync(header.CaseId, token, scanned: true)).State;
            });
        return states;
    }

    /// <summary>The partition read and folded; kept for the next command or read when it holds the record (a scan's, while there is room).</summary>
    private async Task<(TState State, IReadOnlyList<RecordedEvent> History)> ReadAndKeepAsync(string id, CancellationToken cancellationToken, bool scanned = false)
    {
        var (recorded, headerETag) = await LoadForCommandAsync(id, cancellationToken);
        var state = kind.Fold(id, recorded);
        if (headerETag is not null && recorded.Count > 0) _cache.Keep(id, new CachedRecord<TState>(state, recorded, headerETag), scanned);
        return (state, recorded);
    }

    /// <summary>
    /// The record's rows checked against their hash chain (<see cref="RecordChain.Verify"/>), gaps included; null when
    /// the partition holds no event of this kind.
    /// </summary>
    public async Task<ChainVerdict?> VerifyAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await history.ReadAsStoredAsync(id, cancellationToken);
        return stored.Events.Count == 0 || !kind.Holds(stored.Events) ? null : RecordChain.Verify(stored.Events, stored.Header?.Version);
    }

    /// <summary>Whether something was recorded under <paramref name="idempotencyKey"/> (<see cref="RecordOnceAsync"/>): one point read.</summary>
    public async Task<bool> IsRecordedAsync(string id, string idempotencyKey, CancellationToken cancellationToken) =>
        await history.ReadIdempotencyAsync(id, idempotencyKey, cancellationToken) is not null;

    public async Task<IReadOnlyList<RecordedEvent>> LoadHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await history.ReadAsync(id, cancellationToken);
        return kind.Holds(stored.Events) ? stored.Events.Select(kind.ToRecorded).ToList() : [];
    }

    /// <summary>
    /// What the workflow records (a step's outcome, an email it sent, a link it issued): decided and appended as the
    /// engine, once per <paramref name="idempotencyKey"/> however often a retried step gets here, deciding again after
    /// a lost race. A refusal throws, so the step fails and Durable retries it. Answers the record as recorded.
    /// </summary>
    public async Task<TState> RecordOnceAsync(string id, string idempotencyKey, DateTimeOffset now, Func<TState, Decision> decide)
    {
        var context = new CommandContext(Actor.Engine, now, Idempotency: new IdempotencyRequest(idempotencyKey, idempotencyKey));
        var result = await ExecuteAsync(id, context, RecordCommand<TState>.Deciding(decide, _ => new CommandResponse(200, null, "{}")),
            CancellationToken.None, conflictRetries: 20);
        if (result.Rejection is { } refused) throw new InvalidOperationException($"The workflow could not record {idempotencyKey}: {refused.Detail}");
        // A replayed key (recorded before) answers without a state: read the record.
        return result.State ?? await LoadAsync(id, CancellationToken.None);
    }

    /// <summary>
    /// Runs one command: replay for a repeated Idempotency-Key, If-Match against the version, decide, append.
    /// <paramref name="conflictRetries"/>: how often to re-read and decide again when another writer got in
    /// first; 0 for a person's command (it gets 409 and decides for itself), more for the engine's own work.
    /// A person's command without If-Match that lost only to the engine's bookkeeping (a report rendered, a
    /// timer fired) is decided again instead: no person changed the record, so there is nothing to re-read.
    /// A command that <see cref="RecordCommand{TState}.DecidesAgainAfterLostRace"/> (it holds a reservation) is decided
    /// again after any lost race, with what it reserved; a replay of its Idempotency-Key is found first.
    /// </summary>
    /// <remarks>
    /// A record this process read or wrote last (<see cref="RecordCache{TState}"/>) is decided on as held once a point
    /// read of its header row confirms it (<see cref="HeldAsync"/>), instead of the partition query and the key's read,
    /// and appended only while the header still has that ETag. Only events to append are decided that way (a replay
    /// then fails the append on the key's row, and is answered as one): a refusal, nothing to record, or a stale
    /// If-Match is decided again on the partition and the key as without the cache, so those answers are the same. A
    /// lost race is a lost race, as after a read. A reserving command never decides on the cache.
    /// </remarks>
    public async Task<CommandResult<TState>> ExecuteAsync(string id, CommandContext context, RecordCommand<TState> command, CancellationToken cancellationToken, int conflictRetries = 0)
    {
        long? lostAt = null;
        var cached = command.DecidesAgainAfterLostRace ? null : await HeldAsync(id, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            TState state;
            IReadOnlyList<RecordedEvent> recordedSoFar;
            if (cached is not null)
            {
                (state, recordedSoFar) = (cached.State, cached.History);
                if (context.ExpectedVersion is { } sent && sent != state.Version) { cached = null; attempt--; continue; }
            }
            else
            {
                // History first, then the key: a copy of this request appended after the read shows as a version
                // conflict, one appended before it shows here, so a racing copy is never decided as a new request.
                (recordedSoFar, var headerETag) = await LoadForCommandAsync(id, cancellationToken);
                if (context.Idempotency is { } idem && await history.ReadIdempotencyAsync(id, idem.KeyHash, cancellationToken) is { } previous)
                    return Replay(idem, previous);

                state = kind.Fold(id, recordedSoFar);
                if (headerETag is not null && recordedSoFar.Count > 0) _cache.Keep(id, new CachedRecord<TState>(state, recordedSoFar, headerETag));
                if (lostAt is { } lost && recordedSoFar.Any(e => e.Sequence > lost && e.Actor.Role != Role.Engine))
                    return CommandResult<TState>.Refused(ChangedMeanwhile);
                if (context.ExpectedVersion is { } expected && expected != state.Version)
                    return CommandResult<TState>.Refused(kind.Changed(expected, state.Version));
            }

            var decision = await command.DecideAsync(state, cancellationToken);
            if (cached is not null && (decision.Rejection is not null || decision.Events.Count == 0)) { cached = null; attempt--; continue; }
            if (decision.Rejection is { } rejection) return CommandResult<TState>.Refused(rejection);
            if (decision.Events.Count == 0) return new CommandResult<TState>(state, command.Respond(state, kind.Process.Summarise(state)), null);

            var (next, events) = Apply(state, decision.Events, context);
            var response = command.Respond(next, kind.Process.Summarise(next));
            var idempotency = context.Idempotency is { } key
                ? new IdempotencyRecord(key.KeyHash, key.RequestHash, response.StatusCode, response.Location, response.Body, next.Version)
                : null;
            // Chained after the last row this command read: the append is conditional on it still being the last.
            var chained = RecordChain.Link(recordedSoFar.Count == 0 ? null : recordedSoFar[^1].ChainHash, state.Version, events.Select(e => ToNew(e, context)).ToList());
            var result = await AppendAsync(new AppendRequest(id, state.Version, chained, Header(next), idempotency, kind.HeaderRowKey, cached?.HeaderETag), cancellationToken);
            cached = null;

            switch (result.Outcome)
            {
                case AppendOutcome.Appended:
                    if (result.HeaderETag is { } written)
                    {
                        // Kept as a read would give it: the rows as written, deserialized and folded onto the state decided on.
                        var stored = chained.Select((e, i) => kind.ToRecorded(e.AsStored(state.Version + 1 + i))).ToList();
                        _cache.Keep(id, new CachedRecord<TState>(stored.Aggregate(state, kind.Events.Evolve), [.. recordedSoFar, .. stored], written));
                    }
                    else _cache.Forget(id);
                    return new CommandResult<TState>(next, response, null) { RecordedFrom = state.Version + 1 };
                case AppendOutcome.DuplicateRequest:
                    _cache.Forget(id);
                    return Replay(context.Idempotency!, result.Previous!);
                case AppendOutcome.VersionConflict when attempt < conflictRetries:
                    continue;
                case AppendOutcome.VersionConflict when context.ExpectedVersion is null && command.DecidesAgainAfterLostRace && attempt < ReservedRaceRetries:
                    // A short, jittered pause so a burst does not re-read in lockstep.
                    await Task.Delay(Random.Shared.Next(1, 5 + 2 * Math.Min(attempt, 10)), cancellationToken);
                    continue;
                case AppendOutcome.VersionConflict when context.ExpectedVersion is null && attempt < EngineRaceRetries:
                    lostAt = state.Version;
                    continue;
                default:
                    return CommandResult<TState>.Refused(context.ExpectedVersion is null
                        ? ChangedMeanwhile
                        : new Rejection(412, $"The {kind.Noun} has changed.", $"Another change to this {kind.Noun} was recorded first. Read it again and retry."));
            }
        }
    }

    private async Task<(IReadOnlyList<RecordedEvent> History, string? HeaderETag)> LoadForCommandAsync(string id, CancellationToken cancellationToken)
    {
        var stored = await history.ReadAsync(id, cancellationToken, kind.HeaderRowKey);
        return kind.Holds(stored.Events) ? (stored.Events.Select(kind.ToRecorded).ToList(), stored.HeaderETag) : ([], null);
    }

    private async Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        using var span = EngineTelemetry.Source.StartActivity(EngineTelemetry.AppendSpan);
        AppendResult result;
        try
        {
            result = await history.AppendAsync(request, cancellationToken);
        }
        catch
        {
            // Written or not, nobody knows (a 503 "outcome unknown", a cancellation): the next command reads the table.
            _cache.Forget(request.CaseId);
            throw;
        }
        span?.SetTag(EngineTelemetry.CaseIdTag, request.CaseId);
        span?.SetTag(EngineTelemetry.FirstSequenceTag, request.ExpectedVersion + 1);
        span?.SetTag(EngineTelemetry.LastSequenceTag, request.ExpectedVersion + request.Events.Count);
        span?.SetTag(EngineTelemetry.OutcomeTag, result.Outcome.ToString());
        return result;
    }

    /// <summary>Folds the decided events and whatever the kind's process does next in reaction, in order.</summary>
    private (TState, IReadOnlyList<RecordedEvent>) Apply(TState state, IReadOnlyList<RecordEvent> decided, CommandContext context)
    {
        var recorded = new List<RecordedEvent>();
        var pending = new Queue<(RecordEvent Event, Actor Actor)>(decided.Select(e => (e, context.Actor)));
        while (true)
        {
            while (pending.TryDequeue(out var next))
            {
                var e = new RecordedEvent(state.Version + 1, next.Event, next.Actor, context.Now);
                var before = state;
                state = kind.Events.Evolve(state, e);
                recorded.Add(e);
                foreach (var reaction in kind.Process.React(before, state, next.Event, context.Now))
                    pending.Enqueue((reaction, Actor.Engine));
            }
            // Once everything has been applied, hand over any kept external event the record now waits for.
            var settled = kind.Process.Settle(state);
            if (settled.Count == 0) return (state, recorded);
            foreach (var e in settled) pending.Enqueue((e, Actor.Engine));
        }
    }

    private NewEvent ToNew(RecordedEvent e, CommandContext context) => new(
        kind.Events.NameOf(e.Event), kind.Events.Serialize(e.Event), e.Actor.Role.ToString(), e.Actor.Name, e.Time, context.Idempotency?.KeyHash, e.Actor.Id);

    private CaseHeader Header(TState s)
    {
        var summary = kind.Process.Summarise(s);
        return new(s.Id, s.Version, summary.Name, s.CreatedTime, s.LastUpdatedTime, summary.RuntimeStatus, summary.Stage, summary.PendingSteps);
    }

    private static CommandResult<TState> Replay(IdempotencyRequest sent, IdempotencyRecord previous) =>
        previous.RequestHash == sent.RequestHash
            ? new CommandResult<TState>(null, new CommandResponse(previous.StatusCode, previous.Location, previous.Body), null, Replayed: true)
            : CommandResult<TState>.Refused(Rejection.KeyReused);
}

/// <summary>
/// The engine's traces, named "Opsg.Engine": one span per history append, tagged with the record and the sequences it
/// wrote, readable off any tracer (OpenTelemetry, Application Insights, or a benchmark harness's own listener).
/// </summary>
public static class EngineTelemetry
{
    public const string SourceName = "Opsg.Engine";
    public const string AppendSpan = "case.append";
    public const string CaseIdTag = "opsg.case_id";
    public const string FirstSequenceTag = "opsg.sequence.first";
    public const string LastSequenceTag = "opsg.sequence.last";
    public const string OutcomeTag = "opsg.outcome";

    public static readonly ActivitySource Source = new(SourceName);
}
