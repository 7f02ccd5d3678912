using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Submissions;

/// <summary>Evidence documents: uploaded by the DCC as multipart/form-data, read by participants.</summary>
public sealed class EvidenceFunctions(CaseCommands commands, CaseReads reads, BlobStore blobs, IOptions<EvidenceOptions> options)
{
    /// <summary>
    /// Form fields: file (PDF, DOCX or XLSX, recognised by content; at most 20 MB; its name one printable line) and
    /// supportsLscs (e.g. 1,2,9). A document carrying active content is refused, 422 (<see cref="EvidenceFiles.ActiveContentRefusal"/>).
    /// </summary>
    [Function("AttachEvidence")]
    [AllowRoles(Roles.Dcc)]
    public async Task<IResult> Upload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/evidence")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client)
    {
        var (upload, content, invalid) = await ReadAsync(request, request.HttpContext.RequestAborted);
        if (invalid is not null) return Problems.From(invalid);
        var (accepted, rejection) = AttachEvidence.Validate(upload!);
        if (rejection is not null) return Problems.From(rejection);

        // The file is written only once the case would record it, so a refused upload (no submission
        // yet, the meeting held, an LSC out of scope) leaves no file behind. The blob is named by its
        // content, so a write whose append then loses leaves at worst an unreferenced copy of the same
        // bytes; the history never points at nothing.
        var blobName = $"{caseId}/{accepted!.Sha256}{EvidenceFiles.Extension(accepted.Kind!.Value)}";
        // What an Idempotency-Key answers for is the whole upload: the file's name and the LSCs it supports as well as
        // its bytes, so the same key with the same file under another name is refused (422), not replayed.
        var sent = System.Text.Encoding.UTF8.GetBytes($"{accepted.FileName}\n{accepted.SupportsLscs}\n{accepted.Sha256}");
        return await commands.RunAsync(request, caseId, sent, RecordCommand<CaseState>.Reserving(
            state => AttachEvidence.Decide(state, accepted, blobName).Rejection,
            async (_, token) =>
            {
                await blobs.WriteAsync(BlobArea.Evidence, blobName, content, EvidenceFiles.ContentType(accepted.Kind.Value),
                    new Dictionary<string, string> { ["sha256"] = accepted.Sha256 }, token);
                return blobName;
            },
            (state, written) => AttachEvidence.Decide(state, accepted, written),
            (state, summary) => Acknowledgement.Ok(state, summary, 201, $"/api/cases/{caseId}/evidence/{state.Evidence.First(e => e.Sha256 == accepted.Sha256).DocumentId}")), client);
    }

    [Function("GetEvidence")]
    [AllowRoles(Roles.Dcc, Roles.Secas, Roles.OpsgMember, Roles.Tag)]
    public Task<IResult> Download(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}/evidence/{documentId}")] HttpRequest request,
        string caseId,
        string documentId) =>
        reads.ReadAsync(request, caseId, async (state, _) =>
        {
            var http = request.HttpContext;
            var document = state.Evidence.FirstOrDefault(e => e.DocumentId == documentId);
            if (document is null) return Problems.From(new Rejection(404, "No such document.", $"Case '{caseId}' has no evidence document '{documentId}'."));
            var missing = new Rejection(404, "No such document.", "The document is recorded but its file is missing.");
            if (await blobs.ReadTagsAsync(BlobArea.Evidence, document.BlobName, http.RequestAborted) is not { } tags) return Problems.From(missing);
            var required = options.Value.MalwareScanRequired;
            if (MalwareScan.Refusal(tags, required) is { } unsafeToServe)
            {
                if (MalwareScan.RetryAfter(tags, required) is { } wait) http.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return Problems.From(unsafeToServe);
            }
            var bytes = await blobs.ReadAsync(BlobArea.Evidence, document.BlobName, http.RequestAborted);
            if (bytes is null) return Problems.From(missing);
            ResponseHeaders.Document(http.Response);
            // The file's own validator, not the case's version: the same document never changes.
            http.Response.Headers.ETag = $"\"{document.Sha256}\"";
            return TypedResults.File(bytes, EvidenceFiles.ContentType(document.Kind), document.FileName);
        });

    private static async Task<(EvidenceUpload?, byte[], Rejection?)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var tooLarge = new Rejection(413, "The document is too large.", $"Evidence documents are limited to {EvidenceFiles.MaxBytes / (1024 * 1024)} MB.");
        if (!request.HasFormContentType || !(request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return (null, [], new Rejection(415, "Unsupported media type.", "Upload evidence as multipart/form-data with a 'file' field."));
        if (MultipartBoundary.Problem(request.ContentType) is { } noBoundary) return (null, [], noBoundary);
        const long formLimit = EvidenceFiles.MaxBytes + 64 * 1024; // the file, its field and the form's own lines
        if (request.ContentLength > formLimit) return (null, [], tooLarge);

        IFormCollection form;
        try
        {
            // Counted as it arrives: a chunked or understated body is refused once it passes the limit.
            request.Body = new BodyLimit(request.Body, formLimit);
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = formLimit }));
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BodyTooLargeException) { return (null, [], tooLarge); }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return (null, [], Rejection.Invalid("file", "The multipart body could not be read: it is malformed or has too many parts."));
        }

        if (form.Files.Count != 1 || form.Files[0].Name != "file")
            return (null, [], Rejection.Invalid("file", "Send exactly one file, in the form field 'file'."));
        var file = form.Files[0];
        if (file.Length > EvidenceFiles.MaxBytes) return (null, [], tooLarge);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var name = file.FileName ?? "";
        var content = EvidenceFiles.Inspect(bytes);
        return (new EvidenceUpload(name, content.Kind, bytes.LongLength, sha, form["supportsLscs"].ToString(), content.ActiveContent), bytes, null);
    }
}
