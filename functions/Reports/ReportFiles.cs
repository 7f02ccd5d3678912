using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Reports;

/// <summary>A rendered report's file as an answer: 404 when the version is not recorded (or its file is missing), else its bytes with its hash as the ETag.</summary>
public sealed class ReportFiles(BlobStore blobs)
{
    public Task<IResult> ServeAsync(HttpContext http, ReportRendered? report, string caseId, string kind, int version) =>
        ServeAsync(http, report?.BlobName, report?.Sha256, NoSuchReport(caseId, kind, version));

    /// <summary>Any rendered document (a case's report, a meeting's minutes): <paramref name="notRecorded"/> when there is no such version.</summary>
    public async Task<IResult> ServeAsync(HttpContext http, string? blobName, string? sha256, Rejection notRecorded)
    {
        ResponseHeaders.Document(http.Response);
        if (blobName is null) return Problems.From(notRecorded);
        var bytes = await blobs.ReadAsync(BlobArea.Reports, blobName, http.RequestAborted);
        if (bytes is null) return Problems.From(new Rejection(404, notRecorded.Title, "The document is recorded but its file is missing."));
        http.Response.Headers.ETag = $"\"{sha256}\"";
        return TypedResults.Bytes(bytes, ReportBlobs.ContentType);
    }

    public static Rejection NoSuchReport(string caseId, string kind, int version) =>
        new(404, "No such report.", $"Case '{caseId}' has no {kind} version {version}.");
}
