using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Hosting;

public sealed class HealthFunctions(StorageAccount storage, HealthStatus status)
{
    /// <summary>
    /// To a signed-in caller: 200 with what was checked (the tables, the containers, the workflow engine), or 503 problem
    /// details naming what did not answer, probed now. To anyone else: whether the app is up, and nothing about what or
    /// why, from a status at most seconds old (<see cref="HealthStatus"/>): a flood of anonymous calls costs storage one
    /// probe now and then, not eight each.
    /// </summary>
    [Function("Health")]
    [AllowAnonymous]
    public async Task<IResult> Check(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        var http = request.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            // Not tied to this caller's request: the probe it may start is shared by every anonymous caller meanwhile.
            if (await status.HealthyAsync(async () => (await ProbeAsync(client, CancellationToken.None)).Values.All(v => v == "ok")))
                return TypedResults.Json(new { status = "healthy" });
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem("Not ready.", statusCode: 503, title: "Service unavailable.");
        }

        var checks = await ProbeAsync(client, http.RequestAborted);
        if (checks.Values.All(v => v == "ok")) return TypedResults.Json(new { status = "healthy", checks });
        var failing = checks.Where(c => c.Value != "ok").Select(c => $"{c.Key} ({c.Value})");
        http.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            $"Not ready: {string.Join("; ", failing)}.",
            statusCode: 503,
            title: "Service unavailable.",
            extensions: new Dictionary<string, object?> { ["checks"] = checks });
    }

    private async Task<Dictionary<string, string>> ProbeAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        // Side by side, so a hung storage account costs one call budget, not two.
        var engine = WorkflowEngineCheck.RunAsync(client, storage.Options.CallTimeout, cancellationToken);
        return new Dictionary<string, string>(await storage.CheckAsync(cancellationToken)) { [WorkflowEngineCheck.Name] = await engine };
    }
}

/// <summary>
/// The last health status anonymous callers were told, and when it was found: reused while fresh (a healthy one for
/// <see cref="HealthyFor"/>, one that was not for <see cref="NotHealthyFor"/>, so an app coming up says so soon), then
/// probed again by one caller while the others wait for that same probe.
/// </summary>
public sealed class HealthStatus(TimeProvider clock)
{
    public static readonly TimeSpan HealthyFor = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan NotHealthyFor = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private (DateTimeOffset At, bool Healthy)? _last;
    private Task<bool>? _probing;

    public Task<bool> HealthyAsync(Func<Task<bool>> probe)
    {
        lock (_gate)
        {
            if (_last is { } last && clock.GetUtcNow() - last.At < (last.Healthy ? HealthyFor : NotHealthyFor)) return Task.FromResult(last.Healthy);
            if (_probing is { IsCompleted: false } running) return running;
            return _probing = ProbeAsync(probe);
        }
    }

    private async Task<bool> ProbeAsync(Func<Task<bool>> probe)
    {
        bool healthy;
        try { healthy = await probe(); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { healthy = false; }
        lock (_gate) _last = (clock.GetUtcNow(), healthy);
        return healthy;
    }
}
