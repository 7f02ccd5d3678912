using Opsg.Functions.Cases;
using Opsg.Functions.Http;
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
        return app;
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
