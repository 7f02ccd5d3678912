using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Submissions;

/// <summary>
/// Evidence documents uploaded by the DCC: recognised by content, stored in Blob with their SHA-256,
/// listed in the review and served back byte for byte; anything else is refused and leaves nothing.
/// </summary>
public sealed partial class EvidenceTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private const string Pdf = "application/pdf";
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // --- requests -----------------------------------------------------------------------------

    private async Task<HttpResponseMessage> UploadAsync(string caseId, byte[] bytes, string fileName, string? supportsLscs = "1,2,9", HttpClient? client = null,
        string declaredType = "application/octet-stream", string? idempotencyKey = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        // filename* (RFC 5987) carries any name exactly, quotes and non-ASCII included.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "file", FileNameStar = fileName };
        form.Add(file);
        if (supportsLscs is not null) form.Add(new StringContent(supportsLscs), "supportsLscs");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/evidence") { Content = form };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await (client ?? cases.Dcc).SendAsync(request);
    }

    private async Task<IReadOnlyList<string>> BlobsAsync(string caseId) =>
        await cases.App.Service<BlobStore>().ListAsync(BlobArea.Evidence, caseId + "/", default);

    /// <summary>Refused with that status, the history unchanged and no file left in the evidence container.</summary>
    private async Task<JsonObject> RefusedAsync(string caseId, Func<Task<HttpResponseMessage>> send, HttpStatusCode status, params string[] fields)
    {
        var blobs = await BlobsAsync(caseId);
        var problem = await cases.RefusedAsync(caseId, send, status, fields);
        Assert.Equal(blobs, await BlobsAsync(caseId));
        return problem;
    }

    // --- accepted -----------------------------------------------------------------------------

    [Theory]
    [InlineData("pdf", "BCDR plan (MDS and Telefónica).pdf", Pdf, "pdf")]
    [InlineData("docx", "Lessons learned IOC-FOC.docx", Docx, "docx")]
    [InlineData("xlsx", "Migration volumes Feb 2020.XLSX", Xlsx, "xlsx")]
    public async Task GivenARealDocument_WhenUploaded_ThenStoredWithItsHashListedAndServedByteForByte(string kind, string fileName, string contentType, string extension)
    {
        var caseId = await cases.NewAsync(Stage.Submitted);
        var bytes = EvidenceDocuments.Document(kind);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var before = await cases.SnapshotAsync(caseId);

        // The declared part type is ignored; the content decides.
        var response = await UploadAsync(caseId, bytes, fileName, "9, 1,4", declaredType: "text/plain");

        await Task.FromResult(response).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/cases/{caseId}/evidence/E01", response.Headers.Location?.ToString());
        Assert.Equal(["EvidenceAttached"], await before.AddedTypesAsync());

        var listed = (await cases.Secas.ReviewAsync(caseId))["evidence"]!.AsArray().Single()!;
        Assert.Equal("E01", listed.Text("documentId"));
        Assert.Equal(fileName, listed.Text("fileName"));
        Assert.Equal(kind, listed.Text("kind"));
        Assert.Equal(sha, listed.Text("sha256"));
        Assert.Equal(bytes.Length, listed["length"]!.GetValue<long>());
        Assert.Equal([1, 4, 9], listed.Ints("supportsLscs"));

        var blobName = listed.Text("blobName");
        Assert.Equal($"{caseId}/{sha}.{extension}", blobName);
        var stored = await cases.App.Service<BlobStore>().GetPropertiesAsync(BlobArea.Evidence, blobName, default);
        Assert.NotNull(stored);
        Assert.Equal(contentType, stored.ContentType);
        Assert.Equal(sha, stored.Metadata["sha256"]);
        Assert.Equal(bytes, await cases.App.Service<BlobStore>().ReadAsync(BlobArea.Evidence, blobName, default));

        var download = await cases.App.ClientAs("OpsgMember").GetAsync($"/api/cases/{caseId}/evidence/E01");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(contentType, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(fileName, download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GivenTheSameBytesAgain_WhenUploaded_ThenTheSameDocumentAndNothingRecorded()
    {
        var caseId = await cases.NewAsync(Stage.Submitted);
        var bytes = EvidenceDocuments.PdfDocument("retried");
        var first = await UploadAsync(caseId, bytes, "plan.pdf");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var before = await cases.SnapshotAsync(caseId);
        var blobs = await BlobsAsync(caseId);

        foreach (var name in new[] { "plan.pdf", "plan (copy).pdf" })
        {
            var again = await UploadAsync(caseId, bytes, name);
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            Assert.Equal(first.Headers.Location, again.Headers.Location);
        }
        await before.AssertUnchangedAsync();
        Assert.Equal(blobs, await BlobsAsync(caseId));
        Assert.Single((await cases.Secas.ReviewAsync(caseId))["evidence"]!.AsArray());

        // Different bytes are a second document.
        var other = await UploadAsync(caseId, EvidenceDocuments.PdfDocument("another"), "plan.pdf");
        Assert.Equal($"/api/cases/{caseId}/evidence/E02", other.Headers.Location?.ToString());
    }

    [Fact]
    public async Task GivenAnIdempotencyKey_WhenTheSameUploadIsSentAgain_ThenReplayed_AndWithAnotherNameOrOtherLscs_ThenUnprocessable()
    {
        var caseId = await cases.NewAsync(Stage.Submitted);
        var bytes = EvidenceDocuments.PdfDocument("keyed");
        var key = "evidence-" + Guid.NewGuid().ToString("N");
        var first = await UploadAsync(caseId, bytes, "plan.pdf", "1,2", idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var again = await UploadAsync(caseId, bytes, "plan.pdf", "1,2", idempotencyKey: key);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());

        await RefusedAsync(caseId, () => UploadAsync(caseId, bytes, "renamed.pdf", "1,2", idempotencyKey: key), HttpStatusCode.UnprocessableEntity);
        await RefusedAsync(caseId, () => UploadAsync(caseId, bytes, "plan.pdf", "9", idempotencyKey: key), HttpStatusCode.UnprocessableEntity);
    }

    // --- refused ------------------------------------------------------------------------------

    [Theory]
    [InlineData("plan\n2020.pdf")]
    [InlineData("plan\r\nContent-Type: text/html.pdf")]
    [InlineData("plan\t2020.pdf")]
    [InlineData("plan\u2028 2020.pdf")]
    public async Task GivenAFileNameOfMoreThanOnePrintableLine_WhenUploaded_ThenBadRequestNamingFile(string fileName)
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        await RefusedAsync(caseId, () => UploadAsync(caseId, EvidenceDocuments.PdfDocument(fileName), fileName), HttpStatusCode.BadRequest, "file");
    }

    [Theory]
    [InlineData(EvidenceLimit + 1)]
    [InlineData(EvidenceLimit + 2 * 1024 * 1024)]
    public async Task GivenAFileOver20MB_WhenUploaded_ThenPayloadTooLargeAndNothingRecorded(int size)
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        var bytes = new byte[size];
        EvidenceDocuments.PdfDocument().CopyTo(bytes, 0);
        await RefusedAsync(caseId, () => UploadAsync(caseId, bytes, "huge.pdf"), HttpStatusCode.RequestEntityTooLarge);
    }

    private const int EvidenceLimit = 20 * 1024 * 1024;

    [Theory]
    [InlineData("11")] // in neither scope
    [InlineData("1,2,42")]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("one")]
    [InlineData("1;2")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData(null)]
    public async Task GivenSupportedLscsOutsideTheSubmission_WhenUploaded_ThenBadRequestNamingSupportsLscs(string? supportsLscs)
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        await RefusedAsync(caseId, () => UploadAsync(caseId, EvidenceDocuments.PdfDocument("scope " + supportsLscs), "plan.pdf", supportsLscs), HttpStatusCode.BadRequest, "supportsLscs");
    }

    [Theory]
    [InlineData(Stage.Opened)]
    [InlineData(Stage.MeetingHeld)]
    [InlineData(Stage.Decided)]
    public async Task GivenNoSubmissionYetOrTheMeetingHeld_WhenUploaded_ThenConflictAndNothingStored(Stage stage)
    {
        var caseId = await cases.SharedAsync(stage);
        await RefusedAsync(caseId, () => UploadAsync(caseId, EvidenceDocuments.PdfDocument("at " + stage), "plan.pdf"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task GivenAnUnknownCase_WhenUploaded_ThenNotFoundAndNothingStored()
    {
        var caseId = "nosuch" + Guid.NewGuid().ToString("N")[..8];
        await RefusedAsync(caseId, () => UploadAsync(caseId, EvidenceDocuments.PdfDocument(), "plan.pdf"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>.pdf")]
    [InlineData("\"><img src=x onerror=alert(1)>.pdf")]
    [InlineData("javascript:alert(1).pdf")]
    [InlineData("plan\u202Efdp.pdf")]
    public async Task GivenMarkupOrBidiInTheFileName_WhenUploaded_ThenBadRequestNamingFile(string fileName)
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        await RefusedAsync(caseId, () => UploadAsync(caseId, EvidenceDocuments.PdfDocument(fileName), fileName), HttpStatusCode.BadRequest, "file");
    }

    [Theory]
    [InlineData("C:\\Users\\dcc\\Cynllun parhad – Siân.pdf", "Cynllun parhad – Siân.pdf")]
    [InlineData("evidence/2020/plan.pdf", "plan.pdf")]
    public async Task GivenAFileNameWithAPath_WhenUploaded_ThenOnlyTheNameIsKept(string sent, string kept)
    {
        var caseId = await cases.NewAsync(Stage.Submitted);
        await UploadAsync(caseId, EvidenceDocuments.PdfDocument(sent), sent).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(kept, (await cases.Secas.ReviewAsync(caseId))["evidence"]![0]!.Text("fileName"));
    }

    [Fact]
    public async Task GivenJsonInsteadOfAForm_WhenUploaded_ThenUnsupportedMediaType()
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        await RefusedAsync(caseId, () => cases.Dcc.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/evidence", "{\"file\":\"JVBERi0=\"}"), HttpStatusCode.UnsupportedMediaType);
        await RefusedAsync(caseId, () => cases.Dcc.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/evidence", EvidenceDocuments.PdfDocument(), "application/pdf"), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task GivenNoFileOrTwoFilesOrTheWrongField_WhenUploaded_ThenBadRequestNamingFile()
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        await RefusedAsync(caseId, () => cases.Dcc.PostAsync($"/api/cases/{caseId}/evidence",
            new MultipartFormDataContent { { new StringContent("1"), "supportsLscs" } }), HttpStatusCode.BadRequest, "file");
        await RefusedAsync(caseId, () =>
        {
            var form = new MultipartFormDataContent { { new StringContent("1"), "supportsLscs" } };
            form.Add(new ByteArrayContent(EvidenceDocuments.PdfDocument("a")), "file", "a.pdf");
            form.Add(new ByteArrayContent(EvidenceDocuments.PdfDocument("b")), "file", "b.pdf");
            return cases.Dcc.PostAsync($"/api/cases/{caseId}/evidence", form);
        }, HttpStatusCode.BadRequest, "file");
        await RefusedAsync(caseId, () =>
        {
            var form = new MultipartFormDataContent { { new StringContent("1"), "supportsLscs" } };
            form.Add(new ByteArrayContent(EvidenceDocuments.PdfDocument()), "document", "a.pdf");
            return cases.Dcc.PostAsync($"/api/cases/{caseId}/evidence", form);
        }, HttpStatusCode.BadRequest, "file");
    }

    [Fact]
    public async Task GivenAnUnknownDocumentId_WhenDownloaded_ThenNotFoundProblem()
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        await (await cases.Secas.GetAsync($"/api/cases/{caseId}/evidence/E99")).ProblemAsync(HttpStatusCode.NotFound);
    }
}
