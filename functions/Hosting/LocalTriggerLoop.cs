using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Hosting;

public sealed class TriggerLoopOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan Visibility { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// What the Functions host does for us in Azure, done in-process when it is absent: poll the
/// activity queue (with the host's retry and poison rules) and run the timer sweep.
/// </summary>
public sealed class LocalTriggerLoop(
    ActivityQueue queue,
    ActivityWorker worker,
    EngineSweep sweep,
    ActivitySignal signal,
    StorageAccount storage,
    Microsoft.Extensions.Options.IOptions<TriggerLoopOptions> options,
    ILogger<LocalTriggerLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            // Someone else drives the queue and the sweep (a test, or an operator by hand); storage must still exist.
            try { await storage.EnsureCreatedAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Could not create storage resources; /api/health will say which"); }
            return;
        }
        var nextSweep = DateTimeOffset.MinValue;
        var ready = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!ready) { await storage.EnsureCreatedAsync(stoppingToken); ready = true; }
                if (DateTimeOffset.UtcNow >= nextSweep)
                {
                    await sweep.RunAsync(stoppingToken);
                    nextSweep = DateTimeOffset.UtcNow + settings.SweepInterval;
                }
                var messages = await queue.ReceiveAsync(16, settings.Visibility, stoppingToken);
                await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken },
                    async (m, ct) => await RunAsync(m, ct));
                if (messages.Count == 0) await signal.WaitAsync(settings.IdlePoll, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested) { break; } // shutting down: the SDK wraps the cancellation
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Trigger loop iteration failed; retrying shortly");
                await Task.Delay(settings.IdlePoll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        ActivityMessage? parsed;
        try { parsed = JsonSerializer.Deserialize<ActivityMessage>(message.Body, EventCatalog.Json); }
        catch (JsonException) { parsed = null; }
        if (parsed is null) { await queue.PoisonAsync(message, cancellationToken); return; }

        try
        {
            await worker.HandleAsync(parsed, message.DequeueCount, cancellationToken);
            await queue.CompleteAsync(message, cancellationToken);
        }
        catch (FaultInjectedException)
        {
            throw; // A simulated crash: leave the message exactly as a dead process would.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (message.DequeueCount >= ActivityWorker.MaxAttempts)
            {
                await queue.PoisonAsync(message, cancellationToken);
                return;
            }
            var backoff = options.Value.RetryBase * Math.Pow(2, message.DequeueCount - 1);
            logger.LogWarning(ex, "Activity {Sequence} of {CaseId} failed (attempt {Attempt}); retrying in {Backoff}", parsed.Sequence, parsed.CaseId, message.DequeueCount, backoff);
            await queue.ReleaseAsync(message, backoff, cancellationToken);
        }
    }
}
