using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Hosting;

public sealed class HealthFunctions(StorageAccount storage)
{
    /// <summary>200 with what was checked (the tables, the containers, the workflow engine), or 503 problem details naming what did not answer.</summary>
    [Function("Health")]
    [AllowAnonymous]
    public async Task<IResult> Check(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        var cancellationToken = request.HttpContext.RequestAborted;
        // Side by side, so a hung storage account costs one call budget, not two.
        var engine = WorkflowEngineCheck.RunAsync(client, storage.Options.CallTimeout, cancellationToken);
        var checks = new Dictionary<string, string>(await storage.CheckAsync(cancellationToken)) { [WorkflowEngineCheck.Name] = await engine };
        if (checks.Values.All(v => v == "ok")) return TypedResults.Json(new { status = "healthy", checks });
        var failing = checks.Where(c => c.Value != "ok").Select(c => $"{c.Key} ({c.Value})");
        request.HttpContext.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            $"Not ready: {string.Join("; ", failing)}.",
            statusCode: 503,
            title: "Service unavailable.",
            extensions: new Dictionary<string, object?> { ["checks"] = checks });
    }
}
