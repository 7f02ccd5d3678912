using Opsg.Functions.Cases;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Orchestration;

public sealed class EngineOptions
{
    /// <summary>How long a scheduled activity may sit unfinished before the sweep assumes its message was lost.</summary>
    public TimeSpan OutboxGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An index row for a timer the case never recorded is deleted once this old.</summary>
    public TimeSpan OrphanTimerGrace { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed record SweepResult(int TimersFired, int ActivitiesRequeued);

/// <summary>
/// The timer trigger's work: fire due durable timers, and re-enqueue scheduled activities whose
/// queue message was lost (a crash between the append and the enqueue).
/// </summary>
public sealed class EngineSweep(CaseStore store, HistoryTable history, TimerTable timers, TimeProvider clock, Microsoft.Extensions.Options.IOptions<EngineOptions> options)
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var fired = 0;
        foreach (var due in await timers.DueAsync(now, 100, cancellationToken))
        {
            if (await FireAsync(due, now, cancellationToken)) fired++;
        }

        var requeued = 0;
        var stillPending = new Dictionary<(string, long), DateTimeOffset>();
        foreach (var header in await history.WithPendingActivitiesAsync(cancellationToken))
        {
            foreach (var sequence in header.PendingActivities)
            {
                var key = (header.CaseId, sequence);
                var last = _requeuedAt.TryGetValue(key, out var at) ? at : header.LastUpdatedTime;
                stillPending[key] = last;
                // Once per grace period, not on every sweep: a slow or retrying activity must not collect copies.
                if (now - last < options.Value.OutboxGrace) continue;
                await store.EnqueueActivityAsync(header.CaseId, sequence, cancellationToken);
                stillPending[key] = now;
                requeued++;
            }
        }
        _requeuedAt = stillPending;
        return new SweepResult(fired, requeued);
    }

    // When this process last re-enqueued each pending activity; forgets those that finished.
    // In memory on purpose: after a restart the first sweep re-enqueues, which is what a restart needs.
    private Dictionary<(string, long), DateTimeOffset> _requeuedAt = [];

    private async Task<bool> FireAsync(DueTimer due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await store.LoadAsync(due.CaseId, cancellationToken);
        if (!state.Timers.TryGetValue(due.TimerId, out var timer))
        {
            // Written just before an append that may still be on its way; only old orphans are dropped.
            if (now - due.WrittenAt > options.Value.OrphanTimerGrace) await timers.DeleteAsync(due, cancellationToken);
            return false;
        }
        var result = timer.Fired || state.IsTerminated
            ? null
            : await store.ExecuteAsync(due.CaseId,
                new CommandContext(Actor.Engine, now, Idempotency: new IdempotencyRequest($"timer-{due.TimerId}", "TimerFired")),
                s => s.Timers.TryGetValue(due.TimerId, out var t) && !t.Fired ? Decision.Accept(new TimerFired(due.TimerId)) : Decision.Accept(),
                _ => new CommandResponse(200, null, "{}"),
                cancellationToken,
                conflictRetries: 20);
        if (result?.Rejection is null) await timers.DeleteAsync(due, cancellationToken);
        return result is { Rejection: null, Replayed: false };
    }
}
