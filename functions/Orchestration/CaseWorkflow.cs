using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Opsg.Functions.Cases;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// Tells a case's orchestration what the record now says: started when the case opens, terminated with it,
/// and otherwise the "record changed" event with the new plan. A failure here never undoes or fails the
/// command, which is already recorded: <see cref="RecordRepair"/> notices a record ahead of its orchestration.
/// </summary>
public sealed class CaseWorkflow(IOptions<WorkflowOptions> options, ILogger<CaseWorkflow> logger)
{
    public async Task NotifyAsync(DurableTaskClient client, CaseState state, long recordedFrom, CancellationToken cancellationToken)
    {
        if (options.Value.DieAfterRecordingForFaultTests) Environment.FailFast("Fault test: dying between the append and the raise.");
        try
        {
            if (recordedFrom == 1) await StartAsync(client, state, cancellationToken);
            else if (state.IsTerminated) await client.TerminateInstanceAsync(state.CaseId, state.TerminatedReason, cancellationToken);
            else await RaiseAsync(client, state, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Case {CaseId} is recorded at version {Version} but its orchestration was not told; the repair timer will", state.CaseId, state.Version);
        }
    }

    /// <summary>Starts (or, after a failure or a finish, starts again) the case's orchestration; it reads the record first.</summary>
    public Task StartAsync(DurableTaskClient client, CaseState state, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestrator.Name,
            new CaseRun(state.CaseId, state.Opened?.Title ?? "", options.Value.Retry),
            new StartOrchestrationOptions(state.CaseId), cancellationToken);

    public Task RaiseAsync(DurableTaskClient client, CaseState state, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(state.CaseId, CaseOrchestrator.RecordChanged, CasePlan.From(state), cancellationToken);
}
