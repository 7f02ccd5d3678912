using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Http;

/// <summary>
/// What a command answered, and what the store made of it (null: refused before the store was asked, or
/// <see cref="OutcomeUnknown"/>: storage stopped answering while the append was on its way).
/// </summary>
public sealed record CommandAnswer<TState>(IResult Result, CommandResult<TState>? Outcome, bool OutcomeUnknown = false) : IResult where TState : RecordState
{
    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);
}

/// <summary>The Idempotency-Key a command is recorded under: the client's, or one the app made up for it (<see cref="Sent"/> false).</summary>
public sealed record RequestKey(string Key, bool Sent);

/// <summary>
/// The one path every command takes: validate the body → (If-Match, Idempotency-Key) → check and decide against
/// the folded record, reserving what it needs from outside → append → tell the record's orchestration → answer with
/// the stored response and an ETag, or problem details. The same for every kind of record.
/// </summary>
public class RecordCommands<TState>(RecordStore<TState> store, IWorkflowAlignment<TState> workflow, IdempotencyKeys keys, TimeProvider clock, ILogger logger)
    where TState : RecordState
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
        // Every command is recorded under a key, the client's or one made up here, so that when storage stops answering
        // mid-append the answer can name a key whose retry is safe: only one append can ever add the key's row.
        var key = Key(request);
        var context = new CommandContext(http.User.ToActor(), clock.GetUtcNow(), expected, new IdempotencyRequest(KeyHash(http.User, key.Key), JsonBody.Hash(request, body.Span)));
        // A key the client chose could already have been used on another record, whose partition this one cannot see.
        if (key.Sent && await keys.ClaimAsync(context.Idempotency!.KeyHash, context.Idempotency.RequestHash, id, http.RequestAborted) == KeyClaim.OtherRequest)
            return new CommandAnswer<TState>(Problems.From(Rejection.KeyReused), null);
        CommandResult<TState> result;
        try
        {
            result = await store.ExecuteAsync(id, context, command, http.RequestAborted);
        }
        catch (StorageOutcomeUnknownException unknown)
        {
            logger.LogWarning(unknown, "Storage stopped answering while {Noun} {Id} was being appended to; the outcome is unknown", store.Kind.Noun, id);
            return new CommandAnswer<TState>(OutcomeUnknown(http, store.Kind.Noun, key.Key, unknown.AppendedOnto), null, OutcomeUnknown: true);
        }
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

    /// <summary>
    /// 503 that says what is known: the change may be recorded, or may still be once storage answers again. The way to
    /// find out that never records it twice is the same request with the key it was recorded under; the record's
    /// version tells too, once storage answers (above <paramref name="versionBefore"/>: something was recorded since).
    /// </summary>
    public static IResult OutcomeUnknown(HttpContext http, string noun, string key, long versionBefore)
    {
        http.Response.Headers.RetryAfter = "5";
        http.Response.Headers[IdempotencyKeyHeader] = key;
        var version = versionBefore.ToString(CultureInfo.InvariantCulture);
        return Problems.From(new Rejection(503, "Storage unavailable; the outcome is unknown.",
            "Storage stopped answering while this change was being written, so it may have been recorded, or may still be " +
            "once storage answers again. Do not send it again as a new request. To find out, send the same request again " +
            $"with the header {IdempotencyKeyHeader}: {key} once storage answers: if the change was recorded you get its " +
            $"answer (Idempotent-Replayed: true); if not, it is recorded now, once. The {noun}'s version tells too: it was " +
            $"{version} before this change (ETag \"{version}\")."),
            new Dictionary<string, object?> { ["outcome"] = "unknown", ["idempotencyKey"] = key, ["versionBefore"] = versionBefore });
    }

    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string MadeUpKeyItem = "opsg.idempotency-key";

    /// <summary>The key this request is recorded under: its Idempotency-Key, or one made up once per request.</summary>
    public static RequestKey Key(HttpRequest request)
    {
        var sent = request.Headers[IdempotencyKeyHeader].ToString();
        if (!string.IsNullOrWhiteSpace(sent)) return new RequestKey(sent, true);
        if (request.HttpContext.Items[MadeUpKeyItem] is not string made)
            request.HttpContext.Items[MadeUpKeyItem] = made = "opsg-" + Guid.NewGuid().ToString("N");
        return new RequestKey(made, false);
    }

    /// <summary>The hash of the request's Idempotency-Key, null without one.</summary>
    public static string? IdempotencyKeyHash(HttpRequest request)
    {
        var key = request.Headers[IdempotencyKeyHeader].ToString();
        return string.IsNullOrWhiteSpace(key) ? null : KeyHash(request.HttpContext.User, key);
    }

    /// <summary>
    /// A key is the caller's own (its stable id, not its display name): two people who happen to pick the same key each
    /// get their own answer, and nobody can replay, or block, another's request by guessing its key.
    /// </summary>
    public static string KeyHash(System.Security.Claims.ClaimsPrincipal caller, string key) => KeyHash(caller.CallerId() + "\n" + key);

    public static string KeyHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}

/// <summary>The commands on readiness cases.</summary>
public sealed class CaseCommands(CaseStore store, IWorkflowAlignment<CaseState> workflow, IdempotencyKeys keys, TimeProvider clock, ILogger<CaseCommands> logger)
    : RecordCommands<CaseState>(store, workflow, keys, clock, logger);
