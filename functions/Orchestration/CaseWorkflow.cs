using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// Brings a case's orchestration instance in line with its record (<see cref="InstanceAlignment"/> decides, this
/// does it): after every command, on rewind and purge, and for the repair timer. A failure after a command never
/// undoes or fails it, as it is already recorded: the repair timer notices a record ahead of its orchestration.
/// </summary>
public sealed class CaseWorkflow(CaseStore store, IOptions<WorkflowOptions> options, FaultInjection faults, ILogger<CaseWorkflow> logger) : IWorkflowAlignment<CaseState>
{
    /// <summary>
    /// After a command recorded from <paramref name="recordedFrom"/> on: logged, never answered, if the engine cannot be
    /// told within <see cref="WorkflowOptions.NotifyTimeout"/>. The command is recorded already; an outage of the task
    /// hub's storage must not hold its answer (a frozen store held one for 11 s, a stopped one for 24–28 s).
    /// </summary>
    public async Task RecordedAsync(DurableTaskClient client, CaseState state, long recordedFrom, CancellationToken cancellationToken)
    {
        faults.CommandRecorded();
        var move = InstanceAlignment.Decide(RecordFacts.Of(state), InstanceAlignment.AssumedBefore(recordedFrom));
        await WithinBudgetAsync(state.CaseId, state.Version, token => MoveAsync(client, state.CaseId, move, state, token), cancellationToken);
    }

    /// <summary>
    /// <see cref="AlignAsync"/> after something is recorded (a rewind): within the same budget and never failing, since
    /// the answer must say it was recorded; the repair timer finishes what this could not.
    /// </summary>
    public Task AlignAfterRecordingAsync(DurableTaskClient client, CaseState recorded, CancellationToken cancellationToken) =>
        WithinBudgetAsync(recorded.CaseId, recorded.Version, token => AlignAsync(client, recorded.CaseId, RecordFacts.Of(recorded), recorded, token), cancellationToken);

    private async Task WithinBudgetAsync(string caseId, long version, Func<CancellationToken, Task> tell, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.NotifyTimeout);
        try
        {
            await tell(budget.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The engine's client cancelled by the budget throws RpcException (Cancelled) or an OperationCanceledException.
            logger.LogWarning(ex, "Case {CaseId} is recorded at version {Version} but its orchestration was not told{Budget}; the repair timer will",
                caseId, version, budget.IsCancellationRequested ? $" within {options.Value.NotifyTimeout.TotalSeconds:0.#} s" : "");
        }
    }

    /// <summary>Reads the instance and does what brings it in line with <paramref name="record"/> (null: the record is gone).</summary>
    public async Task<InstanceMove> AlignAsync(DurableTaskClient client, string caseId, RecordFacts? record, CaseState? known, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(caseId, getInputsAndOutputs: true, cancellationToken);
        var move = InstanceAlignment.Decide(record, Facts(instance));
        await MoveAsync(client, caseId, move, known, cancellationToken);
        return move;
    }

    private async Task MoveAsync(DurableTaskClient client, string caseId, InstanceMove move, CaseState? known, CancellationToken cancellationToken)
    {
        switch (move)
        {
            case InstanceMove.Start or InstanceMove.Restart:
                var state = known ?? await store.LoadAsync(caseId, cancellationToken);
                await client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestrator.Name,
                    new CaseRun(caseId, state.Opened?.Title ?? "", options.Value.Retry),
                    new StartOrchestrationOptions(caseId), cancellationToken);
                break;
            case InstanceMove.Raise:
                await client.RaiseEventAsync(caseId, CaseOrchestrator.RecordChanged,
                    CaseProcess.Plan(known ?? await store.LoadAsync(caseId, cancellationToken)), cancellationToken);
                break;
            case InstanceMove.Terminate:
                await client.TerminateInstanceAsync(caseId, (known ?? await store.LoadAsync(caseId, cancellationToken)).TerminatedReason, cancellationToken);
                break;
            case InstanceMove.Purge:
                await PurgeAsync(client, caseId, cancellationToken);
                break;
        }
    }

    private static async Task PurgeAsync(DurableTaskClient client, string caseId, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(caseId, getInputsAndOutputs: false, cancellationToken) is { IsRunning: true })
        {
            await client.TerminateInstanceAsync(caseId, "Purged by SECAS.", cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(20));
            await client.WaitForInstanceCompletionAsync(caseId, wait.Token);
        }
        await client.PurgeInstanceAsync(caseId, cancellation: cancellationToken);
    }

    internal static InstanceFacts? Facts(OrchestrationMetadata? instance) => instance is null ? null : new InstanceFacts(
        instance.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Running => RuntimeStatus.Running,
            OrchestrationRuntimeStatus.Pending => RuntimeStatus.Pending,
            OrchestrationRuntimeStatus.Completed => RuntimeStatus.Completed,
            OrchestrationRuntimeStatus.Failed => RuntimeStatus.Failed,
            OrchestrationRuntimeStatus.Terminated => RuntimeStatus.Terminated,
            _ => RuntimeStatus.Suspended,
        },
        instance.ReadCustomStatusAs<CaseProgressPublished>()?.Version ?? 0);
}
