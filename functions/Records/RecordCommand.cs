namespace Opsg.Functions.Records;

/// <summary>
/// One command against a record as the store runs it: decide against the folded state (events to record, or a
/// refusal), and the answer to give once it is recorded. Built by <c>Deciding</c> for the usual command, or
/// <c>Reserving</c> for one that needs a value from outside the record first.
/// </summary>
public sealed class RecordCommand<TState> where TState : RecordState
{
    private RecordCommand(Func<TState, CancellationToken, Task<Decision>> decide, Func<TState, RecordSummary, CommandResponse> respond, bool decidesAgainAfterLostRace = false)
    {
        DecideAsync = decide;
        Respond = respond;
        DecidesAgainAfterLostRace = decidesAgainAfterLostRace;
    }

    public Func<TState, CancellationToken, Task<Decision>> DecideAsync { get; }
    /// <summary>The answer from the state once recorded, and the record's summary (its stage and runtime status, as its process says).</summary>
    public Func<TState, RecordSummary, CommandResponse> Respond { get; }

    /// <summary>
    /// Whether an append lost to another writer (without If-Match) is decided again on the new history rather
    /// than answered 409. True for a reserving command: what it reserved would otherwise be wasted, and adding
    /// to a record (an action, a document) overwrites nobody's change; the check runs again on the new history.
    /// </summary>
    public bool DecidesAgainAfterLostRace { get; }

    public static RecordCommand<TState> Deciding(Func<TState, Decision> decide, Func<TState, RecordSummary, CommandResponse> respond) =>
        new((state, _) => Task.FromResult(decide(state)), respond);

    public static RecordCommand<TState> Deciding(Func<TState, Decision> decide, Func<TState, CommandResponse> respond) =>
        Deciding(decide, (state, _) => respond(state));

    /// <summary>
    /// A command decided with something read from another record (the case an agenda item names): read again on every
    /// decision, so a decision made again after a lost race sees it as it is then. Nothing is reserved.
    /// </summary>
    public static RecordCommand<TState> Reading<T>(Func<TState, CancellationToken, Task<T>> read, Func<TState, T, Decision> decide, Func<TState, RecordSummary, CommandResponse> respond) =>
        new(async (state, cancellationToken) => decide(state, await read(state, cancellationToken)), respond);

    /// <summary>
    /// A command that needs something only storage outside the record can hand out (the meeting's next action
    /// number, an evidence file written to Blob). <paramref name="reserve"/> runs only once the command is really
    /// going to be recorded: after the Idempotency-Key check (a replay reserves nothing), after If-Match, and
    /// after <paramref name="check"/> (the decision's refusals on the loaded state). The value is kept for every
    /// retry after a lost race (the command is decided again, not answered 409); one reserved for a request
    /// that then fails (a crash, a stale If-Match, a refusal on the new history) is never used again.
    /// </summary>
    public static RecordCommand<TState> Reserving<T>(
        Func<TState, Rejection?> check,
        Func<TState, CancellationToken, Task<T>> reserve,
        Func<TState, T, Decision> decide,
        Func<TState, RecordSummary, CommandResponse> respond)
    {
        var reserved = default(T);
        var hasReserved = false;
        return new(async (state, token) =>
        {
            if (check(state) is { } refused) return refused;
            if (!hasReserved)
            {
                reserved = await reserve(state, token);
                hasReserved = true;
            }
            return decide(state, reserved!);
        }, respond, decidesAgainAfterLostRace: true);
    }

    public static RecordCommand<TState> Reserving<T>(
        Func<TState, Rejection?> check,
        Func<TState, CancellationToken, Task<T>> reserve,
        Func<TState, T, Decision> decide,
        Func<TState, CommandResponse> respond) =>
        Reserving(check, reserve, decide, (state, _) => respond(state));
}

/// <summary>Who asks, when, and under which conditions. Time comes in here, never from a clock in the domain.</summary>
public sealed record CommandContext(
    Actor Actor,
    DateTimeOffset Now,
    long? ExpectedVersion = null,
    IdempotencyRequest? Idempotency = null);

/// <summary>The client's Idempotency-Key (hashed) and a hash of what it sent with it.</summary>
public sealed record IdempotencyRequest(string KeyHash, string RequestHash);

/// <summary>What the HTTP layer answers after a command, stored with the idempotency key so a repeat gets the same.</summary>
public sealed record CommandResponse(int StatusCode, string? Location, string Body);

/// <summary>Why a command was refused, in the terms the HTTP layer turns into RFC 9457 problem details.</summary>
public sealed record Rejection(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Rejection Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, "The request is not valid.", "One or more fields are invalid; nothing was recorded.", errors);

    public static Rejection Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Rejection OutOfOrder(string detail) => new(409, "This step is not possible now.", detail);

    /// <summary>An Idempotency-Key sent again with anything other than the request it was first used for.</summary>
    public static readonly Rejection KeyReused = new(422, "Idempotency key reused.", "This Idempotency-Key was already used with a different request.");
}

/// <summary>The outcome of deciding a command: the events to record, or why none will be.</summary>
public sealed record Decision(IReadOnlyList<RecordEvent> Events, Rejection? Rejection)
{
    public static Decision Accept(params RecordEvent[] events) => new(events, null);
    public static Decision Accept(IReadOnlyList<RecordEvent> events) => new(events, null);
    public static Decision Reject(Rejection rejection) => new([], rejection);
    public static implicit operator Decision(Rejection rejection) => Reject(rejection);

    public bool IsAccepted => Rejection is null;
}

/// <summary>What running a command came to: the state and answer once recorded, a refusal, or the stored answer of a replay.</summary>
public sealed record CommandResult<TState>(TState? State, CommandResponse? Response, Rejection? Rejection, bool Replayed = false)
    where TState : RecordState
{
    public static CommandResult<TState> Refused(Rejection rejection) => new(default, null, rejection);

    /// <summary>The first sequence this request appended; null when it recorded nothing new (refused, a replay, or nothing to decide).</summary>
    public long? RecordedFrom { get; init; }
}
