using Opsg.Functions.Storage;

namespace Opsg.Functions.Hosting;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", Check).AllowAnonymous().WithTags("Health").WithName("Health");
        return app;
    }

    /// <summary>200 with what was checked, or 503 problem details naming what did not answer.</summary>
    private static async Task<IResult> Check(StorageAccount storage, CancellationToken cancellationToken)
    {
        var checks = await storage.CheckAsync(cancellationToken);
        if (checks.Values.All(v => v == "ok")) return TypedResults.Json(new { status = "healthy", checks });
        var failing = checks.Where(c => c.Value != "ok").Select(c => $"{c.Key} ({c.Value})");
        return TypedResults.Problem(
            $"Storage is not ready: {string.Join("; ", failing)}.",
            statusCode: 503,
            title: "Storage unavailable.",
            extensions: new Dictionary<string, object?> { ["checks"] = checks });
    }
}
