using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Security;

namespace Opsg.Functions.Submissions;

/// <summary>The DCC's readiness submission (and amendments before the meeting).</summary>
public sealed class SubmissionFunctions(CaseCommands commands, IRecordStatus<CaseState> status)
{
    [Function("SubmitReadiness")]
    [AllowRoles(Roles.Dcc)]
    public Task<IResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/submissions")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<SubmissionRequest, ReadinessSubmitted>(request, caseId, client, SubmitReadiness.Validate, submitted => RecordCommand<CaseState>.Deciding(
            state => SubmitReadiness.Decide(state, submitted),
            state => new CommandResponse(202, CaseUrls.Status(caseId), Json(status.StatusOf(state)))));

    private static string Json(object view) => JsonSerializer.Serialize(view, view.GetType(), RecordJson.Options);
}
