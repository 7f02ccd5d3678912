using Microsoft.Extensions.Options;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Steps;

/// <summary>
/// One run at a time for an effect a step does outside the record (an email). The record makes a step safe to run
/// again after another run: what it recorded as done is skipped. It does not make it safe to run beside another run,
/// and Durable's Azure Storage provider does that under load ("split brain": a control message delivered again while
/// its first delivery is still being executed schedules the same activity twice), so both runs would find the email
/// unrecorded and send it. Each effect is therefore claimed (<see cref="EffectClaims"/>) before its record is read:
/// a second run waits while the first holds it, then reads the record the first wrote and skips. A claim whose holder
/// died is taken over when its lease ends, so an email sent but never recorded is still sent again, never lost.
/// </summary>
public sealed class EffectsOnce(EffectClaims claims, IOptions<WorkflowOptions> options)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Runs <paramref name="effect"/> holding the claim on <paramref name="effectKey"/> of the record; the effect
    /// reads the record itself (after the claim, never before) to learn whether it was done already.
    /// </summary>
    public async Task RunAsync(string recordId, string effectKey, Func<Task> effect)
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
