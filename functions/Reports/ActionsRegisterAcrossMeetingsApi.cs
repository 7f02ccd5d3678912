using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Opsg.Functions.Cases;
using Opsg.Functions.Security;

namespace Opsg.Functions.Reports;

/// <summary>
/// GET /api/actions-register: the outstanding actions of every case, rendered live for the people who
/// prepare and sit in the next OPSG meeting. Nothing is stored; each request reads the cases afresh.
/// </summary>
public static class ActionsRegisterAcrossMeetingsApi
{
    public const string JsonMediaType = "application/json";

    // GB meetings set GB calendar dates; without the zone data the UTC date is the best we have.
    private static readonly TimeZoneInfo UkTime =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;

    public static IEndpointRouteBuilder MapActionsRegisterAcrossMeetings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/actions-register", Get)
            .AllowRoles(Roles.Secas, Roles.OpsgMember)
            .Produces<ActionsRegisterJson>(200, JsonMediaType)
            .AddOpenApiOperationTransformer(DescribeThePage)
            .WithTags("Reports")
            .WithName("GetActionsRegister")
            .WithSummary("Outstanding actions across meetings")
            .WithDescription("Every open action of every case, grouped by the meeting that raised it, with how far past its latest target it is. " +
                "An HTML page by default; the same rows as JSON when Accept prefers application/json. includeClosed=true lists closed actions too.");
        return app;
    }

    // The API explorer keeps one answer per status code, so the page (the default answer) is added here beside the JSON.
    private static Task DescribeThePage(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses?.GetValueOrDefault("200") is OpenApiResponse ok)
        {
            ok.Content ??= new Dictionary<string, OpenApiMediaType>();
            ok.Content[ReportBlobs.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
        return Task.CompletedTask;
    }

    private static async Task<IResult> Get(HttpContext http, bool? includeClosed, CaseStore store, ReportRenderer renderer, TimeProvider clock)
    {
        var cases = await store.LoadAllAsync(http.RequestAborted);
        var register = ActionsRegisterAcrossMeetings.From(cases, Today(clock), includeClosed == true);
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.Vary = "Accept";
        return PrefersJson(http.Request)
            ? TypedResults.Json(ActionsRegisterJson.From(register), EventCatalog.Json, JsonMediaType)
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
