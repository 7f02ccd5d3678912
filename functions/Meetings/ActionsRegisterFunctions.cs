using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Security;

namespace Opsg.Functions.Meetings;

/// <summary>
/// GET /api/actions-register: the outstanding actions of every case and every meeting, rendered live for the people
/// who prepare and sit in the next OPSG meeting. Nothing is stored; each request reads the records afresh.
/// An HTML page by default; the same rows as JSON when Accept prefers application/json.
/// includeClosed=true lists closed actions too; asOf=YYYY-MM-DD reads the meetings' actions as they stood at the end
/// of that day (open then, overdue by then, the latest review by then) instead of today.
/// </summary>
public sealed class ActionsRegisterFunctions(ActionRecords records, ReportRenderer renderer, TimeProvider clock)
{
    // GB meetings set GB calendar dates; without the zone data the UTC date is the best we have.
    private static readonly TimeZoneInfo UkTime =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;

    [Function("GetActionsRegister")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember)]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "actions-register")] HttpRequest request)
    {
        var http = request.HttpContext;
        var includeClosed = string.Equals(request.Query["includeClosed"], "true", StringComparison.OrdinalIgnoreCase);
        var (asOf, invalid) = QueryValues.Date(request, "asOf");
        if (invalid is not null) return Problems.From(invalid);
        var on = asOf ?? Today(clock);
        var loaded = await records.LoadAsync(http.RequestAborted);
        var register = ActionsRegisterAcrossMeetings.From(loaded.Cases, on, includeClosed, RegisterRows.On(loaded.Actions, on));
        http.Response.Headers.Vary = "Accept";
        if (QueryValues.PrefersJson(request)) ResponseHeaders.CaseJson(http.Response); else ResponseHeaders.Document(http.Response);
        return QueryValues.PrefersJson(request)
            ? TypedResults.Json(ActionsRegisterJson.From(register), RecordJson.Options, QueryValues.JsonMediaType)
            : TypedResults.Content(renderer.RenderPage(ActionsRegisterAcrossMeetings.Page, register), ReportBlobs.ContentType);
    }

    /// <summary>Today in the UK, by the injected clock: GB meetings set GB calendar dates.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), UkTime).DateTime);
}
