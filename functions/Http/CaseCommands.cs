using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Opsg.Functions.Cases;
using Opsg.Functions.Security;

namespace Opsg.Functions.Http;

/// <summary>
/// The common path of every command endpoint: read If-Match and Idempotency-Key, run the command
/// through the case store, and answer with the stored response, an ETag, or problem details.
/// </summary>
public sealed class CaseCommands(CaseStore store, TimeProvider clock)
{
    public async Task<IResult> RunAsync(
        HttpContext http,
        string caseId,
        ReadOnlyMemory<byte> body,
        Func<CaseState, Decision> decide,
        Func<CaseState, CommandResponse> respond) =>
        (await RunWithOutcomeAsync(http, caseId, body, decide, respond)).Result;

    /// <summary>
    /// As <see cref="RunAsync"/>, also telling the caller what happened (null: refused before the store
    /// was asked), for endpoints that must undo work done before the command or answer more than was stored.
    /// </summary>
    public Task<(IResult Result, CommandResult? Outcome)> RunWithOutcomeAsync(
        HttpContext http,
        string caseId,
        ReadOnlyMemory<byte> body,
        Func<CaseState, Decision> decide,
        Func<CaseState, CommandResponse> respond) =>
        RunCoreAsync(http, body, context => store.ExecuteAsync(caseId, context, decide, respond, http.RequestAborted));

    private async Task<(IResult Result, CommandResult? Outcome)> RunCoreAsync(
        HttpContext http,
        ReadOnlyMemory<byte> body,
        Func<CommandContext, Task<CommandResult>> execute)
    {
        var (expected, badIfMatch) = ExpectedVersion(http.Request);
        if (badIfMatch is not null) return (Problems.From(badIfMatch), null);
        var context = new CommandContext(http.User.ToActor(), clock.GetUtcNow(), expected, Idempotency(http.Request, body.Span));
        var result = await execute(context);
        if (result.Rejection is { } rejection) return (Problems.From(rejection), result);

        var response = result.Response!;
        if (result.State is { } state) http.Response.Headers.ETag = ETag(state.Version);
        if (result.Replayed) http.Response.Headers["Idempotent-Replayed"] = "true";
        if (response.Location is { } location) http.Response.Headers.Location = location;
        return (TypedResults.Content(response.Body, "application/json", Encoding.UTF8, response.StatusCode), result);
    }

    /// <summary>
    /// The whole path of a JSON command: read the body (400/413/415 problems), validate its shape
    /// (400 listing every field), then decide against the case and record it.
    /// </summary>
    public async Task<IResult> RunJsonAsync<TRequest, TCommand>(
        HttpContext http,
        string caseId,
        Func<TRequest, (TCommand? Command, Rejection? Rejection)> validate,
        Func<CaseState, TCommand, Decision> decide,
        Func<CaseState, CommandResponse> respond)
        where TRequest : class
        where TCommand : class
    {
        var (command, bytes, problem) = await ReadCommandAsync(http, validate);
        if (problem is not null) return problem;
        return await RunAsync(http, caseId, bytes!, state => decide(state, command!), respond);
    }

    /// <summary>
    /// As <see cref="RunJsonAsync{TRequest, TCommand}"/> for a command that takes a value from outside the
    /// case (the meeting's next action number): <paramref name="check"/> is the decision's refusals on the
    /// loaded state; <paramref name="reserve"/> runs only when the command will really be recorded
    /// (see <see cref="CaseStore.ExecuteAsync{TReserved}"/>); <paramref name="decide"/> gets what it reserved.
    /// </summary>
    public async Task<IResult> RunJsonAsync<TRequest, TCommand, TReserved>(
        HttpContext http,
        string caseId,
        Func<TRequest, (TCommand? Command, Rejection? Rejection)> validate,
        Func<CaseState, TCommand, Rejection?> check,
        Func<CaseState, CancellationToken, Task<TReserved>> reserve,
        Func<CaseState, TCommand, TReserved, Decision> decide,
        Func<CaseState, CommandResponse> respond)
        where TRequest : class
        where TCommand : class
    {
        var (command, bytes, problem) = await ReadCommandAsync(http, validate);
        if (problem is not null) return problem;
        return await RunAsync(http, caseId, bytes!, state => check(state, command!), reserve, (state, reserved) => decide(state, command!, reserved), respond);
    }

    /// <summary>
    /// The command path for a command whose decision needs something done outside the case first (a
    /// number from the meeting's counter, a file written to Blob): <paramref name="reserve"/> runs only
    /// once <paramref name="check"/> has let the command through and it will really be recorded
    /// (see <see cref="CaseStore.ExecuteAsync{TReserved}"/>).
    /// </summary>
    public async Task<IResult> RunAsync<TReserved>(
        HttpContext http,
        string caseId,
        ReadOnlyMemory<byte> body,
        Func<CaseState, Rejection?> check,
        Func<CaseState, CancellationToken, Task<TReserved>> reserve,
        Func<CaseState, TReserved, Decision> decide,
        Func<CaseState, CommandResponse> respond)
    {
        var (result, _) = await RunCoreAsync(http, body, context =>
            store.ExecuteAsync(caseId, context, check, reserve, decide, respond, http.RequestAborted));
        return result;
    }

    /// <summary>Reads the JSON body and validates its shape: the command and the raw bytes (for Idempotency-Key), or the problem to answer.</summary>
    private static async Task<(TCommand? Command, byte[]? Bytes, IResult? Problem)> ReadCommandAsync<TRequest, TCommand>(
        HttpContext http, Func<TRequest, (TCommand? Command, Rejection? Rejection)> validate)
        where TRequest : class
        where TCommand : class
    {
        var (body, invalid) = await JsonBody.ReadAsync<TRequest>(http.Request, http.RequestAborted);
        if (invalid is not null) return (null, null, Problems.From(invalid));
        var (command, rejection) = validate(body!.Value);
        return rejection is not null ? (null, null, Problems.From(rejection)) : (command, body.Bytes, null);
    }

    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static (long?, Rejection?) ExpectedVersion(HttpRequest request)
    {
        var ifMatch = request.Headers.IfMatch.ToString();
        if (string.IsNullOrEmpty(ifMatch)) return (null, null);
        var trimmed = ifMatch.Trim().TrimStart('W', '/').Trim('"');
        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (null, Rejection.Invalid("If-Match", "Must be an ETag returned by this API, e.g. \"7\"."));
    }

    private static IdempotencyRequest? Idempotency(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var key = request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrWhiteSpace(key)) return null;
        return new IdempotencyRequest(KeyHash(key), JsonBody.Hash(request, body));
    }

    public static string KeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
}
