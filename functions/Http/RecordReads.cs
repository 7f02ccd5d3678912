using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Http;

/// <summary>
/// The one read path of every GET on a record: load the history, fold it, 404 when there is no such record, the
/// record's version as the ETag, then the endpoint's own answer from the state (and the history, for what was rendered when).
/// </summary>
public class RecordReads<TState>(RecordStore<TState> store, Func<TState, bool> exists) where TState : RecordState
{
    public async Task<IResult> ReadAsync(HttpRequest request, string id, Func<TState, IReadOnlyList<RecordedEvent>, Task<IResult>> answer)
    {
        var http = request.HttpContext;
        if (await store.FindAsync(id, http.RequestAborted) is not { } found || !exists(found.State))
            return Problems.From(store.Kind.NotFound(id));
        http.Response.Headers.ETag = CaseCommands.ETag(found.State.Version);
        return await answer(found.State, found.History);
    }

    public Task<IResult> ReadAsync(HttpRequest request, string id, Func<TState, IResult> answer) =>
        ReadAsync(request, id, (state, _) => Task.FromResult(answer(state)));

    /// <summary>
    /// The record checked against its hash chain, row by row as stored: 200 whether or not it is intact (the answer
    /// says which sequence first fails and why), 404 when there is no such record.
    /// </summary>
    public async Task<IResult> VerifyAsync(HttpRequest request, string id) =>
        await store.VerifyAsync(id, request.HttpContext.RequestAborted) is { } verdict
            ? TypedResults.Json(verdict, RecordJson.Options)
            : Problems.From(store.Kind.NotFound(id));
}

/// <summary>The reads of readiness cases.</summary>
public sealed class CaseReads(CaseStore store) : RecordReads<CaseState>(store, state => state.Exists);
