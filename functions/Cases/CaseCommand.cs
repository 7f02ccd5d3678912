namespace Opsg.Functions.Cases;

/// <summary>
/// One command against a case as the store runs it: decide against the folded state (events to record, or
/// a refusal), and the answer to give once it is recorded. Built by <see cref="Deciding"/> for the usual
/// command, or <see cref="Reserving{T}"/> for one that needs a value from outside the case first.
/// </summary>
public sealed class CaseCommand
{
    private CaseCommand(Func<CaseState, CancellationToken, Task<Decision>> decide, Func<CaseState, CommandResponse> respond, bool decidesAgainAfterLostRace = false)
    {
        DecideAsync = decide;
        Respond = respond;
        DecidesAgainAfterLostRace = decidesAgainAfterLostRace;
    }

    public Func<CaseState, CancellationToken, Task<Decision>> DecideAsync { get; }
    public Func<CaseState, CommandResponse> Respond { get; }

    /// <summary>
    /// Whether an append lost to another writer (without If-Match) is decided again on the new history rather
    /// than answered 409. True for a reserving command: what it reserved would otherwise be wasted, and adding
    /// to a case (an action, a document) overwrites nobody's change; the check runs again on the new history.
    /// </summary>
    public bool DecidesAgainAfterLostRace { get; }

    public static CaseCommand Deciding(Func<CaseState, Decision> decide, Func<CaseState, CommandResponse> respond) =>
        new((state, _) => Task.FromResult(decide(state)), respond);

    /// <summary>
    /// A command that needs something only storage outside the case can hand out (the meeting's next action
    /// number, an evidence file written to Blob). <paramref name="reserve"/> runs only once the command is really
    /// going to be recorded: after the Idempotency-Key check (a replay reserves nothing), after If-Match, and
    /// after <paramref name="check"/> (the decision's refusals on the loaded state). The value is kept for every
    /// retry after a lost race (the command is decided again, not answered 409); one reserved for a request
    /// that then fails (a crash, a stale If-Match, a refusal on the new history) is never used again.
    /// </summary>
    public static CaseCommand Reserving<T>(
        Func<CaseState, Rejection?> check,
        Func<CaseState, CancellationToken, Task<T>> reserve,
        Func<CaseState, T, Decision> decide,
        Func<CaseState, CommandResponse> respond)
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
}
