using Opsg.Functions.Records;

namespace Opsg.Functions.Steps;

/// <summary>
/// How any kind of record runs a step it scheduled, the same for cases and meetings. A step does nothing unless the
/// record still shows it as scheduled for this run (already done, failed for good, or a run SECAS has since replaced),
/// and its completion is appended under a key per run, so a retried or replayed step records itself once.
/// </summary>
public sealed class StepRunner<TState>(RecordStore<TState> store, FaultInjection faults, TimeProvider clock, ILogger<StepRunner<TState>> logger) where TState : RecordState
{
    /// <summary>Runs <paramref name="work"/> if the step is still due, and records what it answers; the record after it.</summary>
    public async Task<TState> RunAsync(string id, long sequence, int run, Func<IReadOnlyList<RecordedEvent>, ActivityState, Task<RecordEvent>> work)
    {
        var history = await store.LoadHistoryAsync(id, CancellationToken.None);
        var state = store.Kind.Fold(id, history);
        if (Scheduled(state, sequence, run) is not { } activity) return state;

        faults.ActivityRunning();
        var completion = await work(history, activity);
        return await AppendAsync(id, CompletionKey(sequence, run), s => Scheduled(s, sequence, run) is not null ? Decision.Accept(completion) : Decision.Accept());
    }

    /// <summary>
    /// A step that spent its retries: the record shows it failed until SECAS asks for it again, with the failure's
    /// category and a reference (<see cref="StepErrors"/>); the error itself is logged under that reference.
    /// </summary>
    public Task<TState> RecordFailureAsync(string id, long sequence, int run, string error, int attempts, string? errorType = null)
    {
        var reference = StepErrors.Reference(id, sequence, run);
        logger.LogError("Step {Sequence} (run {Run}) of {RecordId} failed after {Attempts} attempts, ref {Reference}: {ErrorType}: {Error}",
            sequence, run, id, attempts, reference, errorType, error);
        var described = StepErrors.Describe(errorType, reference);
        return AppendAsync(id, $"{CompletionKey(sequence, run)}-failed",
            s => Scheduled(s, sequence, run) is not null ? Decision.Accept(new ActivityFailed(sequence, described, attempts)) : Decision.Accept());
    }

    /// <summary>What the engine records, once per key.</summary>
    public async Task<TState> AppendAsync(string id, string idempotencyKey, Func<TState, Decision> decide) =>
        await store.RecordOnceAsync(id, idempotencyKey, clock.GetUtcNow(), decide);

    private static ActivityState? Scheduled(TState state, long sequence, int run) =>
        state.Activities.TryGetValue(sequence, out var a) && a.Status == ActivityStatus.Scheduled && a.Retries == run ? a : null;

    /// <summary>One key per run: a retried step's new run must not replay the failed run's answer.</summary>
    public static string CompletionKey(long sequence, int run) =>
        run == 0 ? $"activity-{sequence}" : $"activity-{sequence}-retry{run}";
}
