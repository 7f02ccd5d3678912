using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Security;

namespace Opsg.Functions.Reports;

/// <summary>
/// GET /api/actions-register: the outstanding actions of every case, rendered live for the people who
/// prepare and sit in the next OPSG meeting. Nothing is stored; each request reads the cases afresh.
/// An HTML page by default; the same rows as JSON when Accept prefers application/json.
/// includeClosed=true lists closed actions too.
/// </summary>
public sealed class ActionsRegisterFunctions(CaseStore store, ReportRenderer renderer, TimeProvider clock)
{
    public const string JsonMediaType = "application/json";

    // GB meetings set GB calendar dates; without the zone data the UTC date is the best we have.
    private static readonly TimeZoneInfo UkTime =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;

    [Function("GetActionsRegister")]
    [AllowRoles(Roles.Secas, Roles.OpsgMember)]
    public async Task<IResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "actions-register")] HttpRequest request)
    {
        var http = request.HttpContext;
        var includeClosed = string.Equals(request.Query["includeClosed"], "true", StringComparison.OrdinalIgnoreCase);
        var cases = await store.LoadAllAsync(http.RequestAborted);
        var register = ActionsRegisterAcrossMeetings.From(cases, Today(clock), includeClosed);
        http.Response.Headers.Vary = "Accept";
        if (PrefersJson(request)) ResponseHeaders.CaseJson(http.Response); else ResponseHeaders.Document(http.Response);
        return PrefersJson(request)
            ? TypedResults.Json(ActionsRegisterJson.From(register), RecordJson.Options, JsonMediaType)
            : TypedResults.Content(renderer.RenderPage(ActionsRegisterAcrossMeetings.Page, register), ReportBlobs.ContentType);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), UkTime).DateTime);

    /// <summary>JSON only when asked for more than HTML: a browser (text/html) and curl (*/*) get the page.</summary>
    private static bool PrefersJson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string mediaType) => accept
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1)
            .DefaultIfEmpty(0)
            .Max();
        return Quality(JsonMediaType) > Quality("text/html");
    }
}
