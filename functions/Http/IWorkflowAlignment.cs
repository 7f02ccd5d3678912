using Microsoft.DurableTask.Client;
using Opsg.Functions.Records;

namespace Opsg.Functions.Http;

/// <summary>
/// What the command pipeline tells a kind of record's workflow once a command is recorded. Implemented where the
/// kind's orchestration lives, so the pipeline (below every feature) knows no orchestration.
/// </summary>
public interface IWorkflowAlignment<in TState> where TState : RecordState
{
    Task RecordedAsync(DurableTaskClient client, TState state, long recordedFrom, CancellationToken cancellationToken);
}
