using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Security;

namespace Opsg.Functions.Panel;

/// <summary>The review as participants read it, with the recommendation it leads to: here because the recommendation is the Panel's.</summary>
public sealed class ReviewReadFunctions(CaseReads reads, RecordKind<CaseState> kind)
{
    [Function("GetReview")]
    [AllowRoles(Roles.Dcc, Roles.Secas, Roles.OpsgMember, Roles.Tag)]
    public Task<IResult> Read([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}/review")] HttpRequest request, string caseId) =>
        reads.ReadAsync(request, caseId, state =>
        {
            ResponseHeaders.CaseJson(request.HttpContext.Response);
            return TypedResults.Json(ReviewView.From(state, kind.Process.Summarise(state).Stage), RecordJson.Options);
        });
}
