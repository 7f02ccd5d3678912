using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>What "nothing lost, nothing done twice" means, checked straight against storage.</summary>
internal static class EngineChecks
{
    public static Task<IReadOnlyList<RecordedEvent>> HistoryAsync(this OpsgApp app, string caseId) => app.Services.HistoryAsync(caseId);

    public static async Task<IReadOnlyList<RecordedEvent>> HistoryAsync(this IServiceProvider storage, string caseId) =>
        (await storage.GetRequiredService<HistoryTable>().ReadAsync(caseId, default)).Events.Select(CaseRecord.Kind.ToRecorded).ToList();

    /// <summary>Polls until the condition holds; a deadline, never a timing assertion.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 30, Func<Task<string>>? detail = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not within {seconds} s: {what}" + (detail is null ? "." : $"; {await detail()}"));
            await Task.Delay(100);
        }
    }

    /// <summary>Every activity the case scheduled has finished (none still pending) and at least one report exists.</summary>
    public static Task UntilSettledAsync(this OpsgApp app, IEnumerable<string> caseIds, int seconds = 30) => app.Services.UntilSettledAsync(caseIds, seconds);

    public static Task UntilSettledAsync(this IServiceProvider storage, IEnumerable<string> caseIds, int seconds = 30)
    {
        var waitingOn = "";
        return UntilAsync(async () =>
        {
            foreach (var caseId in caseIds)
            {
                waitingOn = caseId;
                var stored = await storage.GetRequiredService<HistoryTable>().ReadAsync(caseId, default);
                // A step that spent its retries waits for a person (rewind): say so now rather than at the deadline.
                if (stored.Events.Select(CaseRecord.Kind.ToRecorded).LastOrDefault(e => e.Event is ActivityFailed or ActivityRetried) is { Event: ActivityFailed failed })
                    throw new InvalidOperationException($"Case {caseId}: step {failed.Scheduled} failed after {failed.Attempts} attempts: {failed.Error}");
                if (stored.Header is null || stored.Header.PendingActivities.Count > 0 || !stored.Events.Any(e => e.Type == nameof(ReportRendered)))
                    return false;
            }
            return true;
        }, "every case's activities finished", seconds, () => storage.DescribeAsync(waitingOn));
    }

    /// <summary>Where a case stands in the record and in the engine: what a timed-out wait says about the case it waited on.</summary>
    public static async Task<string> DescribeAsync(this IServiceProvider storage, string caseId)
    {
        var stored = await storage.GetRequiredService<HistoryTable>().ReadAsync(caseId, default);
        var recent = string.Join(", ", stored.Events.TakeLast(6).Select(e => $"{e.Sequence}:{e.Type}"));
        var pending = stored.Header is null ? "no header" : string.Join(", ", stored.Header.PendingActivities);
        var instance = await storage.GetRequiredService<DurableTaskClient>().GetInstanceAsync(caseId, getInputsAndOutputs: false);
        var engine = instance is null ? "no orchestration" :
            $"{instance.RuntimeStatus}, updated {instance.LastUpdatedAt:HH:mm:ss.fff}, status {instance.SerializedCustomStatus}" +
            (instance.FailureDetails is { } failure ? $", failed: {failure.ErrorType}: {failure.ErrorMessage}" : "");
        return $"case {caseId}: record ends [{recent}], pending [{pending}]; orchestration {engine}; now {DateTime.UtcNow:HH:mm:ss.fff}.";
    }

    /// <summary>
    /// The history is gapless and agrees with its header, each scheduled activity was finished exactly
    /// once, and the report blobs are exactly the ones the history names.
    /// </summary>
    public static Task AssertExactlyOnceAsync(this OpsgApp app, string caseId) => app.Services.AssertExactlyOnceAsync(caseId);

    public static async Task AssertExactlyOnceAsync(this IServiceProvider storage, string caseId)
    {
        var stored = await storage.GetRequiredService<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(Enumerable.Range(1, stored.Events.Count).Select(i => (long)i), stored.Events.Select(e => e.Sequence));
        Assert.Equal(stored.Events.Count, stored.Header!.Version);
        Assert.Empty(stored.Header.PendingActivities);

        var events = stored.Events.Select(CaseRecord.Kind.ToRecorded).ToList();
        var scheduled = events.Where(e => e.Event is ActivityScheduled).Select(e => e.Sequence).ToList();
        var finished = events.Select(e => e.Event switch
        {
            ReportRendered r => r.Scheduled,
            ActivityCompleted c => c.Scheduled,
            _ => (long?)null,
        }).OfType<long>().Order().ToList();
        Assert.Equal(scheduled, finished);

        var reports = events.Select(e => e.Event).OfType<ReportRendered>().Select(r => r.BlobName).ToList();
        Assert.Equal(reports.Distinct().Order(), reports.Order());
        var blobs = await storage.GetRequiredService<BlobStore>().ListAsync(BlobArea.Reports, caseId + "/", default);
        Assert.Equal(reports.Order(), blobs.Order());
    }

    public static async Task<long> ScheduledSequenceAsync(this OpsgApp app, string caseId) =>
        (await app.HistoryAsync(caseId)).Single(e => e.Event is ActivityScheduled).Sequence;
}
