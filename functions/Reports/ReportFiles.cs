using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Reports;

/// <summary>A rendered report's file as an answer: 404 when the version is not recorded (or its file is missing), else its bytes with its hash as the ETag.</summary>
public sealed class ReportFiles(BlobStore blobs)
{
    public async Task<IResult> ServeAsync(HttpContext http, ReportRendered? report, string caseId, string kind, int version)
    {
        ResponseHeaders.Document(http.Response);
        if (report is null) return Problems.From(NoSuchReport(caseId, kind, version));
        var bytes = await blobs.ReadAsync(BlobArea.Reports, report.BlobName, http.RequestAborted);
        if (bytes is null) return Problems.From(new Rejection(404, "No such report.", "The report is recorded but its file is missing."));
        http.Response.Headers.ETag = $"\"{report.Sha256}\"";
        return TypedResults.Bytes(bytes, ReportBlobs.ContentType);
    }

    public static Rejection NoSuchReport(string caseId, string kind, int version) =>
        new(404, "No such report.", $"Case '{caseId}' has no {kind} version {version}.");
}
