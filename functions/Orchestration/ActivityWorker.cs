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
        var history = await store.LoadHistoryAsync(message.CaseId, cancellationToken);
        var state = CaseFold.Fold(message.CaseId, history);
        if (!state.Activities.TryGetValue(message.Sequence, out var activity) || activity.Status != ActivityStatus.Scheduled)
            return; // Already done, failed for good, or never recorded: nothing to do.

        faults.At(FaultPoint.ActivityStarted);
        try
        {
            var completion = activity.Scheduled.Name switch
            {
                ActivityNames.RenderReport => await RenderAsync(message, activity, history, cancellationToken),
                ActivityNames.Notify => await NotifyAsync(message, activity, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown activity '{activity.Scheduled.Name}'."),
            };
            faults.At(FaultPoint.ActivityOutputWritten);
            await CompleteAsync(message, completion, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && dequeueCount >= MaxAttempts && ex is not FaultInjectedException)
        {
            logger.LogError(ex, "Activity {Sequence} of case {CaseId} failed for the last time", message.Sequence, message.CaseId);
            await CompleteAsync(message, new ActivityFailed(message.Sequence, ex.Message, dequeueCount), cancellationToken);
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

    private async Task CompleteAsync(ActivityMessage message, CaseEvent completion, CancellationToken cancellationToken)
    {
        var context = new CommandContext(Actor.Engine, clock.GetUtcNow(),
            Idempotency: new IdempotencyRequest($"activity-{message.Sequence}", EventCatalog.NameOf(completion)));
        await store.ExecuteAsync(
            message.CaseId,
            context,
            state => state.Activities.TryGetValue(message.Sequence, out var a) && a.Status == ActivityStatus.Scheduled
                ? Decision.Accept(completion)
                : Decision.Accept(),
            _ => new CommandResponse(200, null, "{}"),
            cancellationToken,
            conflictRetries: 20);
    }
}
