using System.Text;
using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Reports;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// Runs one scheduled activity. Idempotent: outputs are named from case + sequence and the
/// completion event carries an idempotency key, so a second delivery of the same message changes nothing.
/// </summary>
public sealed class ActivityWorker(CaseStore store, ReportRenderer renderer, BlobStore blobs, FaultInjection faults, TimeProvider clock, ILogger<ActivityWorker> logger)
{
    public const int MaxAttempts = 5;

    public async Task HandleAsync(ActivityMessage message, int dequeueCount, CancellationToken cancellationToken)
    {
        using var span = EngineTelemetry.Source.StartActivity(EngineTelemetry.ActivitySpan);
        span?.SetTag(EngineTelemetry.CaseIdTag, message.CaseId);
        span?.SetTag(EngineTelemetry.SequenceTag, message.Sequence);
        span?.SetTag(EngineTelemetry.AttemptTag, dequeueCount);

        var history = await store.LoadHistoryAsync(message.CaseId, cancellationToken);
        var state = CaseFold.Fold(message.CaseId, history);
        if (!state.Activities.TryGetValue(message.Sequence, out var activity) || activity.Status != ActivityStatus.Scheduled)
        {
            span?.SetTag(EngineTelemetry.OutcomeTag, "skipped");
            return; // Already done, failed for good, or never recorded: nothing to do.
        }
        span?.SetTag(EngineTelemetry.ActivityNameTag, activity.Scheduled.Name);

        faults.At(FaultPoint.ActivityStarted);
        try
        {
            faults.ActivityRunning();
            var completion = activity.Scheduled.Name switch
            {
                ActivityNames.RenderReport => await RenderAsync(message, activity, history, cancellationToken),
                ActivityNames.Notify => await NotifyAsync(message, activity, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown activity '{activity.Scheduled.Name}'."),
            };
            faults.At(FaultPoint.ActivityOutputWritten);
            await CompleteAsync(message, activity, completion, cancellationToken);
            span?.SetTag(EngineTelemetry.OutcomeTag, "completed");
        }
        catch (Exception ex) when (ex is not OperationCanceledException && dequeueCount >= MaxAttempts && ex is not FaultInjectedException)
        {
            logger.LogError(ex, "Activity {Sequence} of case {CaseId} failed for the last time", message.Sequence, message.CaseId);
            await CompleteAsync(message, activity, new ActivityFailed(message.Sequence, ex.Message, dequeueCount), cancellationToken);
            span?.SetTag(EngineTelemetry.OutcomeTag, "failed");
            throw;
        }
    }

    private async Task<CaseEvent> RenderAsync(ActivityMessage message, ActivityState activity, IReadOnlyList<RecordedEvent> history, CancellationToken cancellationToken)
    {
        var kind = activity.Scheduled.ReportKind ?? throw new InvalidOperationException("A report activity needs a kind.");
        var version = activity.Scheduled.ReportVersion ?? 1;
        // The report shows the case as it was when the rendering was scheduled: same history, same bytes.
        var asScheduled = CaseFold.Fold(message.CaseId, history.TakeWhile(e => e.Sequence <= message.Sequence));
        var html = renderer.Render(kind, asScheduled);
        var bytes = Encoding.UTF8.GetBytes(html);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var name = ReportBlobs.Name(message.CaseId, kind, version);
        await blobs.WriteAsync(BlobArea.Reports, name, bytes, ReportBlobs.ContentType, new Dictionary<string, string>
        {
            ["sha256"] = sha,
            ["templatehash"] = renderer.TemplateHash,
            ["historysequence"] = message.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
        return new ReportRendered(message.Sequence, kind, version, name, sha, renderer.TemplateHash, message.Sequence);
    }

    private async Task<CaseEvent> NotifyAsync(ActivityMessage message, ActivityState activity, CancellationToken cancellationToken)
    {
        var name = $"{message.CaseId}/{HistoryTable.RowKey(message.Sequence)}.json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new { caseId = message.CaseId, sequence = message.Sequence, text = activity.Scheduled.Message }, EventCatalog.Json);
        await blobs.WriteAsync(BlobArea.Notifications, name, body, "application/json", new Dictionary<string, string>(), cancellationToken);
        return new ActivityCompleted(message.Sequence, name);
    }

    private async Task CompleteAsync(ActivityMessage message, ActivityState activity, CaseEvent completion, CancellationToken cancellationToken)
    {
        var context = new CommandContext(Actor.Engine, clock.GetUtcNow(),
            Idempotency: new IdempotencyRequest(CompletionKey(message.Sequence, activity.Retries), EventCatalog.NameOf(completion)));
        var result = await store.ExecuteAsync(
            message.CaseId,
            context,
            state => state.Activities.TryGetValue(message.Sequence, out var a) && a.Status == ActivityStatus.Scheduled && a.Retries == activity.Retries
                ? Decision.Accept(completion)
                : Decision.Accept(),
            _ => new CommandResponse(200, null, "{}"),
            cancellationToken,
            conflictRetries: 20);
        // Not recorded (e.g. a parallel delivery finished the same run differently): fail this delivery so
        // the queue retries it; the retry finds the activity settled and does nothing.
        if (result.Rejection is { } refused)
            throw new InvalidOperationException($"Completion of activity {message.Sequence} was not recorded: {refused.Detail}");
    }

    /// <summary>One key per run: a rewound activity's new run must not replay the failed run's answer.</summary>
    internal static string CompletionKey(long sequence, int retries) =>
        retries == 0 ? $"activity-{sequence}" : $"activity-{sequence}-retry{retries}";
}
