using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Hosting;

public sealed class HealthFunctions(StorageAccount storage)
{
    /// <summary>200 with what was checked, or 503 problem details naming what did not answer.</summary>
    [Function("Health")]
    [AllowAnonymous]
    public async Task<IResult> Check([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        var checks = await storage.CheckAsync(request.HttpContext.RequestAborted);
        if (checks.Values.All(v => v == "ok")) return TypedResults.Json(new { status = "healthy", checks });
        var failing = checks.Where(c => c.Value != "ok").Select(c => $"{c.Key} ({c.Value})");
        request.HttpContext.Response.Headers.RetryAfter = "5";
        return TypedResults.Problem(
            $"Storage is not ready: {string.Join("; ", failing)}.",
            statusCode: 503,
            title: "Storage unavailable.",
            extensions: new Dictionary<string, object?> { ["checks"] = checks });
    }
}
