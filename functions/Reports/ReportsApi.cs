using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Reports;

/// <summary>Serves rendered reports to participants; the container itself is never public.</summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases/{caseId}/reports/{kind}/v{version:int}", Get)
            .AllowRoles(Roles.Participants)
            .Produces(200, contentType: ReportBlobs.ContentType)
            .WithTags("Reports")
            .WithName("GetReport");
        app.MapPost("/api/cases/{caseId}/reports", Request)
            .AllowRoles(Roles.Secas)
            .Accepts<ReportsRequest>("application/json")
            .Produces<ScheduledReports>(202)
            .ProducesValidationProblem()
            .WithTags("Reports")
            .WithName("RequestReports");
        app.MapGet("/api/cases/{caseId}/reports/{kind}/changes", Changes)
            .AllowRoles(Roles.Participants)
            .Produces<ReportChangesView>()
            .WithTags("Reports")
            .WithName("GetReportChanges");
        return app;
    }

    private static async Task<IResult> Request(HttpContext http, string caseId, CaseCommands commands)
    {
        var (body, invalid) = await JsonBody.ReadAsync<ReportsRequest>(http.Request, http.RequestAborted);
        if (invalid is not null) return Problems.From(invalid);
        var (requested, rejection) = RequestReports.Validate(body!.Value);
        if (rejection is not null) return Problems.From(rejection);
        return await commands.RunAsync(http, caseId, body.Bytes,
            state => RequestReports.Decide(state, requested!),
            state => new CommandResponse(202, CaseUrls.Status(caseId), JsonSerializer.Serialize(ScheduledReports.From(state, requested!.Kinds), EventCatalog.Json)));
    }

    // from and to are read as text so that "abc", "1.5" or a repeated bound are answered like any other
    // invalid field (named in errors) rather than by the framework's empty 400.
    private static async Task<IResult> Changes(HttpContext http, string caseId, string kind, string? from, string? to, CaseStore store)
    {
        var (fromVersion, toVersion, invalid) = ReportChanges.ValidateRange(from, to);
        if (invalid is not null) return Problems.From(invalid);
        var history = await store.LoadHistoryAsync(caseId, http.RequestAborted);
        var reports = CaseFold.Fold(caseId, history).Reports.Where(r => r.Kind == kind).ToList();
        var (older, newer) = (reports.FirstOrDefault(r => r.Version == fromVersion), reports.FirstOrDefault(r => r.Version == toVersion));
        if (older is null || newer is null)
            return Problems.From(new Rejection(404, "No such report.", $"Case '{caseId}' has no {kind} version {(older is null ? fromVersion : toVersion)}."));
        CaseState AsRendered(ReportRendered r) => CaseFold.Fold(caseId, history.TakeWhile(e => e.Sequence <= r.RenderedFromSequence));
        return TypedResults.Json(new ReportChangesView(kind, VersionRef.Of(caseId, older), VersionRef.Of(caseId, newer),
            ReportChanges.Between(kind, AsRendered(older), AsRendered(newer))), EventCatalog.Json);
    }

    private static async Task<IResult> Get(HttpContext http, string caseId, string kind, int version, CaseStore store, BlobStore blobs)
    {
        var state = await store.LoadAsync(caseId, http.RequestAborted);
        var report = state.Reports.FirstOrDefault(r => r.Kind == kind && r.Version == version);
        if (report is null) return Problems.From(new Rejection(404, "No such report.", $"Case '{caseId}' has no {kind} version {version}."));
        var bytes = await blobs.ReadAsync(BlobArea.Reports, report.BlobName, http.RequestAborted);
        if (bytes is null) return Problems.From(new Rejection(404, "No such report.", "The report is recorded but its file is missing."));
        http.Response.Headers.ETag = $"\"{report.Sha256}\"";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Bytes(bytes, ReportBlobs.ContentType);
    }
}

/// <summary>What a report request scheduled: each kind's next version and where it will be.</summary>
public sealed record ScheduledReports(string StatusQueryGetUri, IReadOnlyList<ScheduledReport> Scheduled)
{
    public static ScheduledReports From(CaseState state, IReadOnlyList<string> kinds) => new(
        CaseUrls.Status(state.CaseId),
        kinds.Select(kind => state.Activities.Values.Last(a => a.Scheduled.ReportKind == kind))
            .Select(a => new ScheduledReport(a.Scheduled.ReportKind!, a.Scheduled.ReportVersion ?? 1, CaseUrls.Report(state.CaseId, a.Scheduled.ReportKind!, a.Scheduled.ReportVersion ?? 1), a.Sequence))
            .ToList());
}

/// <summary>A rendering on its way: the version and URL are fixed now; it renders the case as of RenderedFromSequence.</summary>
public sealed record ScheduledReport(string Kind, int Version, string Url, long RenderedFromSequence);

public sealed record VersionRef(int Version, long RenderedFromSequence, string Sha256, string Url)
{
    public static VersionRef Of(string caseId, ReportRendered r) => new(r.Version, r.RenderedFromSequence, r.Sha256, CaseUrls.Report(caseId, r.Kind, r.Version));
}

public sealed record ReportChangesView(string Kind, VersionRef From, VersionRef To, IReadOnlyList<ReportChange> Changes);
