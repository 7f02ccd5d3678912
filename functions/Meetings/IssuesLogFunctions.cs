using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Security;

namespace Opsg.Functions.Meetings;

/// <summary>
/// The OPSG Issues Log: changed only by what the Group AGREED at a meeting (SECAS records it against that outcome), read
/// by everyone who reads the minutes, as of any date: an HTML page, or JSON when Accept prefers it.
/// </summary>
public sealed class IssuesLogFunctions(MeetingCommands commands, MeetingStore store, ReportRenderer renderer, TimeProvider clock)
{
    [Function("ChangeIssuesLog")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> Change(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items/{item:int}/outcomes/{outcome:int}/issues-log")] HttpRequest request,
        string meetingId, int item, int outcome, [DurableClient] DurableTaskClient client)
    {
        var meetings = await store.LoadAllAsync(request.HttpContext.RequestAborted);
        return await commands.RunJsonAsync<IssuesLogRequest, IssuesLogRequest>(request, meetingId, client, IssuesLogChanges.Validate, c => RecordCommand<MeetingState>.Deciding(
            s => IssuesLogChanges.Decide(s, item, outcome, c, IssuesLog.From(meetings, s)),
            (s, summary) => MeetingFunctions.Acknowledgement(s, summary, 201, "/api/issues-log")));
    }

    [Function("GetIssuesLog")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember, Roles.Dcc, Roles.Tag)]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "issues-log")] HttpRequest request)
    {
        var http = request.HttpContext;
        var (asOf, invalid) = QueryValues.Date(request, "asOf");
        if (invalid is not null) return Problems.From(invalid);
        var page = IssuesLogPage.From(IssuesLog.From(await store.LoadAllAsync(http.RequestAborted)), asOf ?? ActionsRegisterFunctions.Today(clock));
        http.Response.Headers.Vary = "Accept";
        if (QueryValues.PrefersJson(request))
        {
            ResponseHeaders.CaseJson(http.Response);
            return TypedResults.Json(new { page.AsOf, page.OpenCount, page.Entries }, RecordJson.Options, QueryValues.JsonMediaType);
        }
        ResponseHeaders.Document(http.Response);
        return TypedResults.Content(renderer.RenderPage(IssuesLogPage.Page, page), ReportBlobs.ContentType);
    }
}
