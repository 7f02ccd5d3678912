using Opsg.Functions.Storage;

namespace Opsg.Functions.Records;

/// <summary>
/// What happens next after an event, for one kind of record, pure: the follow-up events recorded in the same append
/// (documents to render, reminders to schedule), the kept external events the record now waits for, and the summary
/// row listing reads. One per kind of record; the store applies it, the orchestrator runs what it schedules.
/// </summary>
public interface IRecordProcess<TState> where TState : RecordState
{
    IEnumerable<RecordEvent> React(TState before, TState after, RecordEvent e, DateTimeOffset now);

    IReadOnlyList<RecordEvent> Settle(TState state);

    RecordSummary Summarise(TState state);
}

/// <summary>What the record's header row says of it, so listing never folds a history.</summary>
public sealed record RecordSummary(string Name, string RuntimeStatus, string Stage, IReadOnlyList<long> PendingSteps);

/// <summary>
/// One kind of record (a readiness case, a meeting): the noun its answers use, its empty state, its events and their
/// fold, and its process. Composed where the kind's features are known; the core only runs it.
/// </summary>
public sealed class RecordKind<TState>(string noun, Func<string, TState> empty, RecordEvents<TState> events, IRecordProcess<TState> process, string headerRowKey = HistoryTable.CaseHeaderRowKey)
    where TState : RecordState
{
    /// <summary>The row key of the kind's summary row, so listing one kind never meets another.</summary>
    public string HeaderRowKey { get; } = headerRowKey;

    /// <summary>"case", "meeting": how refusals name the record.</summary>
    public string Noun { get; } = noun;
    public RecordEvents<TState> Events { get; } = events;
    public IRecordProcess<TState> Process { get; } = process;

    public TState Empty(string id) => empty(id);

    public TState Fold(string id, IEnumerable<RecordedEvent> history) => history.Aggregate(empty(id), Events.Evolve);

    /// <summary>Whether a history is of this kind: a partition holding another kind's record is not one of ours.</summary>
    public bool Holds(IReadOnlyList<StoredEvent> stored) => stored.Count == 0 || Events.Knows(stored[0].Type);

    public RecordedEvent ToRecorded(StoredEvent stored) => new(
        stored.Sequence,
        Events.Deserialize(stored.Type, stored.Payload),
        new Actor(Enum.Parse<Role>(stored.ActorRole), stored.ActorName, stored.ActorId),
        stored.Time,
        stored.ChainHash);

    public Rejection NotFound(string id) => new(404, $"No such {Noun}.", $"There is no {Noun} '{id}'.");

    /// <summary>A stale If-Match: the one wording every command and the purge use.</summary>
    public Rejection Changed(long sent, long current) =>
        new(412, $"The {Noun} has changed.", $"You sent If-Match for version {sent}; the {Noun} is at version {current}. Read it again and retry.");
}
