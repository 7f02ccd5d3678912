using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Opsg.Functions.Http;
using Opsg.Functions.Meetings;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// Brings a meeting's orchestration in line with its record, by the same rule as a case's (<see cref="InstanceAlignment"/>).
/// After a command a failure is logged, never answered: the command is recorded already.
/// </summary>
public sealed class MeetingWorkflow(MeetingStore store, IOptions<WorkflowOptions> options, ILogger<MeetingWorkflow> logger) : IWorkflowAlignment<MeetingState>
{
    public async Task RecordedAsync(DurableTaskClient client, MeetingState state, long recordedFrom, CancellationToken cancellationToken)
    {
        try
        {
            // Reinstated by this command: the cancellation ended its orchestration (or is ending it), so where the
            // instance stands is asked rather than assumed, and it starts again at once instead of at the next repair.
            if (state.Reinstated?.Sequence >= recordedFrom) await AlignAsync(client, state);
            else await MoveAsync(client, state, InstanceAlignment.Decide(Facts(state), InstanceAlignment.AssumedBefore(recordedFrom)), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Meeting {MeetingId} is recorded at version {Version} but its orchestration was not told", state.MeetingId, state.Version);
        }
    }

    /// <summary>Reads the instance and does what brings it in line with the meeting's record.</summary>
    public async Task AlignAsync(DurableTaskClient client, MeetingState state)
    {
        var instance = await client.GetInstanceAsync(state.MeetingId, getInputsAndOutputs: true, CancellationToken.None);
        await MoveAsync(client, state, InstanceAlignment.Decide(Facts(state), CaseWorkflow.Facts(instance)), CancellationToken.None);
    }

    /// <summary>For the repair timer: the facts come from the meeting's summary row; the meeting is read only when there is something to do.</summary>
    public async Task<InstanceMove> AlignAsync(DurableTaskClient client, string meetingId, RecordFacts? record, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(meetingId, getInputsAndOutputs: true, cancellationToken);
        var move = InstanceAlignment.Decide(record, CaseWorkflow.Facts(instance));
        if (move != InstanceMove.None) await MoveAsync(client, await store.LoadAsync(meetingId, cancellationToken), move, cancellationToken);
        return move;
    }

    private async Task MoveAsync(DurableTaskClient client, MeetingState state, InstanceMove move, CancellationToken cancellationToken)
    {
        switch (move)
        {
            case InstanceMove.Start or InstanceMove.Restart:
                await client.ScheduleNewOrchestrationInstanceAsync(MeetingOrchestrator.Name, new MeetingRun(state.MeetingId, options.Value.Retry),
                    new StartOrchestrationOptions(state.MeetingId), cancellationToken);
                break;
            case InstanceMove.Raise:
                await client.RaiseEventAsync(state.MeetingId, CaseOrchestrator.RecordChanged, MeetingProcess.Plan(state), cancellationToken);
                break;
        }
    }

    private static RecordFacts Facts(MeetingState state) => new(state.Version, MeetingProcess.Runtime(state));
}
