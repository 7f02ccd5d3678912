using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Orchestration;

/// <summary>Start, read, list, terminate, rewind and purge cases: the Durable-style management API.</summary>
public static class CasesApi
{
    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases");
        cases.MapPost("/", Start).AllowRoles(Roles.Secas).Accepts<OpenCaseRequest>("application/json")
            .Produces<ManagementUris>(202).ProducesValidationProblem().WithName("StartCase");
        cases.MapGet("/", List).AllowRoles(Roles.Secas, Roles.OpsgMember).WithName("ListCases");
        cases.MapGet("/{caseId}", Get).AllowRoles(Roles.Participants).Produces<CaseStatusView>().Produces<CaseStatusView>(202).WithName("GetCase");
        cases.MapPost("/{caseId}/terminate", Terminate).AllowRoles(Roles.Secas).WithName("TerminateCase");
        cases.MapPost("/{caseId}/rewind", Rewind).AllowRoles(Roles.Secas).WithName("RewindCase");
        cases.MapDelete("/{caseId}", Purge).AllowRoles(Roles.Secas).WithName("PurgeCase");
        return app;
    }

    private static async Task<IResult> Start(HttpContext http, CaseCommands commands)
    {
        var (body, invalid) = await JsonBody.ReadAsync<OpenCaseRequest>(http.Request, http.RequestAborted);
        if (invalid is not null) return Problems.From(invalid);
        var (opened, rejection) = OpenCase.Validate(body!.Value);
        if (rejection is not null) return Problems.From(rejection);

        // With an Idempotency-Key the id derives from it, so a retried start lands on the same case.
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        var caseId = string.IsNullOrWhiteSpace(key) ? Guid.NewGuid().ToString("N") : "c" + CaseCommands.KeyHash(http.User.Identity?.Name + "\n" + key)[..31];
        return await commands.RunAsync(http, caseId, body.Bytes,
            state => OpenCase.Decide(state, opened!),
            state => new CommandResponse(202, CaseUrls.Status(state.CaseId), JsonSerializer.Serialize(ManagementUris.For(state.CaseId), EventCatalog.Json)));
    }

    private static async Task<IResult> Get(HttpContext http, string caseId, bool? showHistory, CaseStore store)
    {
        var history = await store.LoadHistoryAsync(caseId, http.RequestAborted);
        if (history.Count == 0) return Problems.From(Rejection.NotFound(caseId));
        var state = CaseFold.Fold(caseId, history);
        var view = CaseStatusView.From(state, showHistory == true ? history : null);
        http.Response.Headers.ETag = CaseCommands.ETag(state.Version);
        if (CaseProgress.Runtime(state) is RuntimeStatus.Pending or RuntimeStatus.Running)
        {
            http.Response.Headers.Location = CaseUrls.Status(caseId);
            http.Response.Headers.RetryAfter = "5";
            return TypedResults.Json(view, EventCatalog.Json, statusCode: 202);
        }
        return TypedResults.Json(view, EventCatalog.Json);
    }

    private static async Task<IResult> List(HttpContext http, HistoryTable history,
        DateTimeOffset? createdTimeFrom, DateTimeOffset? createdTimeTo, string? runtimeStatus, int? top, string? instanceIdPrefix)
    {
        var v = new Validator();
        var statuses = (runtimeStatus ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => v.Enum<RuntimeStatus>(s, "runtimeStatus").ToString()).ToList();
        v.Check(top is null or (>= 1 and <= 1000), "top", "Between 1 and 1000.");
        var continuation = http.Request.Headers["x-ms-continuation-token"].ToString();
        if (v.ToRejection() is { } rejection) return Problems.From(rejection);

        var page = await history.ListAsync(new CaseQuery(createdTimeFrom, createdTimeTo, statuses, instanceIdPrefix, top ?? 100,
            string.IsNullOrEmpty(continuation) ? null : continuation), http.RequestAborted);
        if (page.ContinuationToken is { } next) http.Response.Headers["x-ms-continuation-token"] = next;
        return TypedResults.Json(page.Cases.Select(h => new
        {
            name = CaseStatusView.OrchestrationName,
            instanceId = h.CaseId,
            runtimeStatus = h.RuntimeStatus,
            customStatus = h.CustomStatus,
            title = h.Name,
            createdTime = h.CreatedTime,
            lastUpdatedTime = h.LastUpdatedTime,
            version = h.Version,
        }), EventCatalog.Json);
    }

    private static Task<IResult> Terminate(HttpContext http, string caseId, string? reason, CaseCommands commands) =>
        commands.RunAsync(http, caseId, Array.Empty<byte>(),
            state => !state.Exists ? Rejection.NotFound(caseId)
                : state.IsTerminated || CaseProgress.Runtime(state) == RuntimeStatus.Completed ? Rejection.OutOfOrder("The case has already ended.")
                : Decision.Accept(new CaseTerminated(string.IsNullOrWhiteSpace(reason) ? "Terminated by SECAS." : reason.Trim()[..Math.Min(reason.Trim().Length, Validator.MaxShortText)])),
            _ => new CommandResponse(202, null, "{}"));

    private static Task<IResult> Rewind(HttpContext http, string caseId, CaseCommands commands) =>
        commands.RunAsync(http, caseId, Array.Empty<byte>(),
            state =>
            {
                if (!state.Exists) return Rejection.NotFound(caseId);
                var failed = state.Activities.Values.Where(a => a.Status == ActivityStatus.Failed).ToList();
                return failed.Count == 0
                    ? Rejection.OutOfOrder("No step of this case has failed; there is nothing to retry.")
                    : Decision.Accept(failed.Select(a => (CaseEvent)new ActivityRetried(a.Sequence)).ToList());
            },
            _ => new CommandResponse(202, null, "{}"));

    private static async Task<IResult> Purge(HttpContext http, string caseId, HistoryTable history, LinkAccessLog accessLog)
    {
        // The access log first: should the history's purge then fail, a retried purge still finds the case.
        await accessLog.PurgeAsync(caseId, http.RequestAborted);
        var purged = await history.PurgeAsync(caseId, http.RequestAborted);
        return purged
            ? TypedResults.Json(new { instancesDeleted = 1 }, EventCatalog.Json)
            : Problems.From(Rejection.NotFound(caseId));
    }
}
