using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// Heals what a crash between "recorded" and "told the orchestration" leaves behind, without a person: a case
/// whose orchestration never started, a terminated case whose orchestration still runs, a record changed after
/// its orchestration last read (the version it publishes), a finished orchestration whose record asks for more, a
/// failed orchestration whose record names no failed step (storage out of reach for longer than its retries, so there
/// is nothing for a person to decide). A failed step is left for SECAS to retry (POST /rewind).
/// </summary>
public sealed class RecordRepair(HistoryTable history, CaseWorkflow workflow, MeetingWorkflow meetings, TimeProvider clock, IOptions<WorkflowOptions> options, ILogger<RecordRepair> logger)
{
    public const string Name = "RepairCaseOrchestrations";

    /// <summary>On the schedule in the app setting OpsgRepairSchedule (Hosting.AppSettings.RepairSchedule).</summary>
    [Function(Name)]
    public Task Run([TimerTrigger("%OpsgRepairSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client) =>
        RepairAsync(client, CancellationToken.None);

    /// <summary>Every case, then every meeting, each aligned by its kind's workflow; how many needed it.</summary>
    public async Task<int> RepairAsync(DurableTaskClient client, CancellationToken cancellationToken) =>
        await RepairKindAsync(HistoryTable.CaseHeaderRowKey, "case",
            header => workflow.AlignAsync(client, header.CaseId, RecordFacts.Of(header), known: null, cancellationToken), cancellationToken)
        + await RepairKindAsync(MeetingRecord.HeaderRowKey, "meeting",
            header => meetings.AlignAsync(client, header.CaseId, RecordFacts.Of(header), cancellationToken), cancellationToken);

    private async Task<int> RepairKindAsync(string headerRowKey, string noun, Func<CaseHeader, Task<InstanceMove>> align, CancellationToken cancellationToken)
    {
        var repaired = 0;
        var settled = clock.GetUtcNow() - options.Value.RepairGrace;
        string? continuation = null;
        do
        {
            var page = await history.ListAsync(new CaseQuery(null, null, [], null, 500, continuation, headerRowKey), cancellationToken);
            foreach (var header in page.Cases.Where(h => h.LastUpdatedTime <= settled))
            {
                try
                {
                    if (await align(header) != InstanceMove.None) repaired++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not repair the orchestration of {Noun} {Id}; the next run tries again", noun, header.CaseId);
                }
            }
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return repaired;
    }
}
