using Grpc.Core;
using Microsoft.DurableTask.Client;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// Whether the workflow engine answers: a status query for an instance that never exists. Before it answers,
/// every command is still recorded (the repair timer tells the orchestration later) but no status can be read.
/// </summary>
public static class WorkflowEngineCheck
{
    public const string Name = "workflow";
    private const string ProbeInstance = "opsg-health-probe";

    public static async Task<string> RunAsync(DurableTaskClient client, TimeSpan budget, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        try
        {
            await client.GetInstanceAsync(ProbeInstance, getInputsAndOutputs: false, deadline.Token);
            return "ok";
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled)
        {
            return "unreachable: " + ex.Status.Detail;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {budget.TotalSeconds:0.#} s";
        }
    }
}
