using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Security;

namespace Opsg.Functions.Http;

/// <summary>What a command answered, and what the store made of it (null: refused before the store was asked).</summary>
public sealed record CommandAnswer<TState>(IResult Result, CommandResult<TState>? Outcome) : IResult where TState : RecordState
{
    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);
}

/// <summary>
/// The one path every command takes: validate the body → (If-Match, Idempotency-Key) → check and decide against
/// the folded record, reserving what it needs from outside → append → tell the record's orchestration → answer with
/// the stored response and an ETag, or problem details. The same for every kind of record.
/// </summary>
public class RecordCommands<TState>(RecordStore<TState> store, IWorkflowAlignment<TState> workflow, TimeProvider clock) where TState : RecordState
{
    /// <summary>A JSON command: the body is read (400/413/415 problems) and validated (400 naming every field) before the record is asked.</summary>
    public Task<IResult> RunJsonAsync<TRequest, TCommand>(
        HttpRequest request,
        string id,
        DurableTaskClient client,
        Func<TRequest, (TCommand? Command, Rejection? Rejection)> validate,
        Func<TCommand, RecordCommand<TState>> command)
        where TRequest : class
        where TCommand : class =>
        RunJsonAsync(request, _ => id, client, validate, command);

    /// <summary>A JSON command that names its record in the body (creating a meeting names the meeting).</summary>
    public async Task<IResult> RunJsonAsync<TRequest, TCommand>(
        HttpRequest request,
        Func<TCommand, string> idOf,
        DurableTaskClient client,
        Func<TRequest, (TCommand? Command, Rejection? Rejection)> validate,
        Func<TCommand, RecordCommand<TState>> command)
        where TRequest : class
        where TCommand : class
    {
        var (body, invalid) = await JsonBody.ReadAsync<TRequest>(request, request.HttpContext.RequestAborted);
        if (invalid is not null) return Problems.From(invalid);
        var (validated, rejection) = validate(body!.Value);
        if (rejection is not null) return Problems.From(rejection);
        return await RunAsync(request, idOf(validated!), body.Bytes, command(validated!), client);
    }

    public async Task<CommandAnswer<TState>> RunAsync(HttpRequest request, string id, ReadOnlyMemory<byte> body, RecordCommand<TState> command, DurableTaskClient client)
    {
        var http = request.HttpContext;
        var (expected, badIfMatch) = ExpectedVersion(request);
        if (badIfMatch is not null) return new CommandAnswer<TState>(Problems.From(badIfMatch), null);
        var context = new CommandContext(http.User.ToActor(), clock.GetUtcNow(), expected, Idempotency(request, body.Span));
        var result = await store.ExecuteAsync(id, context, command, http.RequestAborted);
        if (result.Rejection is { } rejection) return new CommandAnswer<TState>(Problems.From(rejection), result);

        if (result is { State: { } recorded, RecordedFrom: { } from })
            await workflow.RecordedAsync(client, recorded, from, http.RequestAborted);

        var response = result.Response!;
        if (result.State is { } state) http.Response.Headers.ETag = ETag(state.Version);
        if (result.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        if (response.Location is { } location) http.Response.Headers.Location = location;
        return new CommandAnswer<TState>(TypedResults.Content(response.Body, "application/json", Encoding.UTF8, response.StatusCode), result);
    }

    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>If-Match as a version: none, a version, or 400 naming If-Match.</summary>
    public static (long?, Rejection?) ExpectedVersion(HttpRequest request)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch)) return (null, null);
        var trimmed = ifMatch.Trim().TrimStart('W', '/').Trim('"');
        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (null, Rejection.Invalid("If-Match", "Must be an ETag returned by this API, e.g. \"7\"."));
    }

    private static IdempotencyRequest? Idempotency(HttpRequest request, ReadOnlySpan<byte> body) =>
        IdempotencyKeyHash(request) is { } keyHash ? new IdempotencyRequest(keyHash, JsonBody.Hash(request, body)) : null;

    /// <summary>The hash of the request's Idempotency-Key, null without one.</summary>
    public static string? IdempotencyKeyHash(HttpRequest request)
    {
        var key = request.Headers["Idempotency-Key"].ToString();
        return string.IsNullOrWhiteSpace(key) ? null : KeyHash(key);
    }

    public static string KeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
}

/// <summary>The commands on readiness cases.</summary>
public sealed class CaseCommands(CaseStore store, IWorkflowAlignment<CaseState> workflow, TimeProvider clock)
    : RecordCommands<CaseState>(store, workflow, clock);
