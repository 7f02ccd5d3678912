using System.Text.Json;
using System.Text.Json.Nodes;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;

namespace Opsg.Functions.Hosting;

/// <summary>
/// The custom-handler side of the Functions host's non-HTTP triggers: the host POSTs
/// { "Data": {...}, "Metadata": {...} } to /{FunctionName} and reads { Outputs, Logs, ReturnValue }.
/// The local trigger loop calls the very same handlers.
/// </summary>
public static class FunctionInvocations
{
    public const string ActivityWorkerFunction = "ActivityWorker";
    public const string TimerSweepFunction = "TimerSweep";
    public const string QueueBindingName = "message";

    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder app)
    {
        app.MapPost($"/{ActivityWorkerFunction}", RunActivity).ExcludeFromDescription();
        app.MapPost($"/{TimerSweepFunction}", RunSweep).ExcludeFromDescription();
        return app;
    }

    public sealed record InvocationRequest(Dictionary<string, JsonElement>? Data, Dictionary<string, JsonElement>? Metadata);

    public sealed record InvocationResponse(Dictionary<string, object?> Outputs, List<string> Logs, object? ReturnValue);

    private static async Task<IResult> RunActivity(InvocationRequest request, ActivityWorker worker, CancellationToken cancellationToken)
    {
        var message = ParseMessage(request);
        if (message is null) return TypedResults.Problem("The invocation carries no activity message.", statusCode: 400);
        var dequeueCount = request.Metadata?.TryGetValue("DequeueCount", out var count) == true && count.TryGetInt32(out var n) ? n : 1;
        await worker.HandleAsync(message, dequeueCount, cancellationToken);
        return TypedResults.Json(new InvocationResponse([], [$"Activity {message.Sequence} of case {message.CaseId} handled."], null));
    }

    private static async Task<IResult> RunSweep(EngineSweep sweep, CancellationToken cancellationToken)
    {
        var result = await sweep.RunAsync(cancellationToken);
        return TypedResults.Json(new InvocationResponse([], [$"Timers fired: {result.TimersFired}; activities re-enqueued: {result.ActivitiesRequeued}."], null));
    }

    /// <summary>The host passes the queue message as a JSON string or, when it parses as JSON, as an object.</summary>
    public static ActivityMessage? ParseMessage(InvocationRequest request)
    {
        if (request.Data is null || !request.Data.TryGetValue(QueueBindingName, out var value)) return null;
        try
        {
            var json = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
            var node = JsonNode.Parse(json);
            // A string that itself holds JSON (double-encoded) is unwrapped once more.
            if (node is JsonValue inner && inner.TryGetValue<string>(out var nested)) json = nested;
            return JsonSerializer.Deserialize<ActivityMessage>(json, EventCatalog.Json);
        }
        catch (JsonException) { return null; }
    }
}
