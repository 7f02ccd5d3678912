using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Http;

/// <summary>
/// The one read path of every GET on a case: load the history, fold it, 404 when there is no such case, the case's
/// version as the ETag, then the endpoint's own answer from the state (and the history, for what was rendered when).
/// </summary>
public sealed class CaseReads(CaseStore store)
{
    public async Task<IResult> ReadAsync(HttpRequest request, string caseId, Func<CaseState, IReadOnlyList<RecordedEvent>, Task<IResult>> answer)
    {
        var http = request.HttpContext;
        if (await store.FindAsync(caseId, http.RequestAborted) is not { } found || !found.State.Exists)
            return Problems.From(CaseRules.NotFound(caseId));
        http.Response.Headers.ETag = CaseCommands.ETag(found.State.Version);
        return await answer(found.State, found.History);
    }

    public Task<IResult> ReadAsync(HttpRequest request, string caseId, Func<CaseState, IResult> answer) =>
        ReadAsync(request, caseId, (state, _) => Task.FromResult(answer(state)));
}
