using Microsoft.Extensions.Options;
using Opsg.Functions.Records;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Steps;

/// <summary>
/// One run at a time for an effect a step does outside the record (an email). The record makes a step safe to run
/// again after another run: what it recorded as done is skipped. It does not make it safe to run beside another run,
/// and Durable's Azure Storage provider does that under load ("split brain": a control message delivered again while
/// its first delivery is still being executed schedules the same activity twice), so both runs would find the email
/// unrecorded and send it. Each effect is therefore claimed (<see cref="EffectClaims"/>) before the record is asked:
/// a second run waits while the first holds it, then finds what the first recorded under the effect's key and skips. A claim whose holder
/// died is taken over when its lease ends, so an email sent but never recorded is still sent again, never lost.
/// </summary>
public sealed class EffectsOnce(EffectClaims claims, FaultInjection faults, IOptions<WorkflowOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The effect under <paramref name="effectKey"/> done once: holding its claim, the record is asked whether anything
    /// was recorded under that key; if so, nothing more. Otherwise <paramref name="effect"/> runs and the event it
    /// answers is recorded under the same key, tried again while storage does not answer (<see cref="RecordDone"/>):
    /// giving up there would fail the step, and its retry would do the effect again.
    /// </summary>
    public Task RunAsync<TState>(RecordStore<TState> store, string recordId, string effectKey, Func<Task<RecordEvent>> effect) where TState : RecordState =>
        HoldingAsync(recordId, effectKey, async () =>
        {
            if (await store.IsRecordedAsync(recordId, effectKey, CancellationToken.None)) return;
            var happened = await effect();
            await store.RecordDoneAsync(recordId, effectKey, clock.GetUtcNow(), _ =>
            {
                faults.RecordingSent();
                return Decision.Accept(happened);
            });
        });

    /// <summary>Runs <paramref name="effect"/> holding the claim on <paramref name="effectKey"/> of the record, waiting while another run holds it.</summary>
    public async Task HoldingAsync(string recordId, string effectKey, Func<Task> effect)
    {
        var holder = Guid.NewGuid().ToString("N");
        var lease = options.Value.EffectClaimLease;
        EffectClaim? claim;
        while ((claim = await claims.TryTakeAsync(recordId, effectKey, holder, lease, CancellationToken.None)) is null)
            await Task.Delay(Poll); // real time even where a test's clock stands still
        try
        {
            await effect();
        }
        finally
        {
            // Given back whatever happened, so a failed run's retry need not wait for the lease; if storage does not
            // answer, the lease ends it, and the effect's own outcome is what the step reports.
            try { await claims.GiveBackAsync(claim, CancellationToken.None); }
            catch (StorageUnavailableException) { }
        }
    }
}
