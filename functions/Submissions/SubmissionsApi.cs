using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Security;

namespace Opsg.Functions.Submissions;

/// <summary>The DCC's readiness submission (and amendments before the meeting).</summary>
public static class SubmissionsApi
{
    public static IEndpointRouteBuilder MapSubmissions(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cases/{caseId}/submissions", Submit)
            .AllowRoles(Roles.Dcc)
            .Accepts<SubmissionRequest>("application/json")
            .Produces<CaseStatusView>(202)
            .ProducesValidationProblem()
            .WithTags("Submissions")
            .WithName("SubmitReadiness");
        return app;
    }

    private static async Task<IResult> Submit(HttpContext http, string caseId, CaseCommands commands)
    {
        var (body, invalid) = await JsonBody.ReadAsync<SubmissionRequest>(http.Request, http.RequestAborted);
        if (invalid is not null) return Problems.From(invalid);
        var (submitted, rejection) = SubmitReadiness.Validate(body!.Value);
        if (rejection is not null) return Problems.From(rejection);
        return await commands.RunAsync(http, caseId, body.Bytes,
            state => SubmitReadiness.Decide(state, submitted!),
            state => new CommandResponse(202, CaseUrls.Status(caseId), JsonSerializer.Serialize(CaseStatusView.From(state), EventCatalog.Json)));
    }
}
