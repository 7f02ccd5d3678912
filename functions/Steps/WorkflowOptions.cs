namespace Opsg.Functions.Steps;

/// <summary>How steps run: their retry policy, the repair grace, and the switches only the fault tests set.</summary>
public sealed class WorkflowOptions
{
    /// <summary>Attempts per step (render, notify) before the step shows as failed with a way to retry it.</summary>
    public int StepAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; each later wait doubles it (1 + 2 + 4 + 8 s by default).</summary>
    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a command's answer waits for its orchestration to be told (after it is recorded). Past this the answer
    /// goes out anyway and the repair timer tells the orchestration; the engine answers in milliseconds when it is well.
    /// </summary>
    public TimeSpan NotifyTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a case's record may be ahead of its orchestration before the repair timer raises its event again.</summary>
    public TimeSpan RepairGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a run of a step may hold its claim on an email before another run may take it over (<see cref="EffectsOnce"/>).
    /// Longer than claiming, sending and recording one email can take at worst: a link issued (storage calls of 4 s at
    /// most each), the exchange with the mail server (Mail:SendTimeout, 30 s) and the record tried again while storage
    /// is silent (<c>RecordDone</c>, about 30 s). It is also how long the retry of a run that died mid-send waits before
    /// sending again.
    /// </summary>
    public TimeSpan EffectClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// For the fault tests only, never set in Azure: the process dies (as if killed) after a command is recorded and
    /// before its orchestration is told, the one gap the repair timer exists for.
    /// </summary>
    public bool DieAfterRecordingForFaultTests { get; set; }

    /// <summary>For the fault tests only, never set in Azure: the process dies as soon as an email is sent, before it is recorded.</summary>
    public bool DieAfterSendingMailForFaultTests { get; set; }

    /// <summary>
    /// For the fault tests only, never set in Azure: the process dies as a step it was handed starts (a render, an
    /// email), so the engine's message for that step is left taken and unanswered, as a host killed mid-step leaves it.
    /// </summary>
    public bool DieAsAStepStartsForFaultTests { get; set; }

    public StepRetry Retry => new(StepAttempts, FirstRetryInterval, 2);
}

/// <summary>How a failing step is retried before it shows as failed in the case status.</summary>
public sealed record StepRetry(int Attempts, TimeSpan FirstInterval, double BackoffCoefficient);
