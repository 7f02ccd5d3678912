using System.Net;
using System.Net.Http.Headers;
using Opsg.Functions.Http;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>
/// Bodies too large for their endpoint, sent without Content-Length, are refused with 413 as soon as they
/// pass the limit, not after the server has read them whole; a form without a boundary is a 400 saying so.
/// Nothing is recorded.
/// </summary>
public sealed class BodyLimitTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private const long SentBytes = 25L * 1024 * 1024;
    private const long Slack = 1024 * 1024;

    [Fact]
    public async Task GivenA25MBChunkedJsonBody_WhenSubmitted_Then413_AndTheServerStoppedReadingJustPastTheLimit()
    {
        var caseId = await cases.SharedAsync(Stage.Opened);
        var body = new GeneratedBody("{\"subject\":{\"capability\":\"", SentBytes, (byte)'a', "\"}}");

        await cases.RefusedAsync(caseId, () => SendAsync(cases.Dcc, $"/api/cases/{caseId}/submissions", body, "application/json"), HttpStatusCode.RequestEntityTooLarge);

        Assert.InRange(body.Pulled, JsonBody.MaxBytes, JsonBody.MaxBytes + Slack);
    }

    [Fact]
    public async Task GivenA25MBChunkedEvidenceUpload_WhenUploaded_Then413_AndTheServerStoppedReadingJustPastTheLimit()
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        const string Boundary = "opsg-limit-test";
        var head = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n";
        var body = new GeneratedBody(head, SentBytes, (byte)'0', $"\r\n--{Boundary}--\r\n");

        await cases.RefusedAsync(caseId, () => SendAsync(cases.Dcc, $"/api/cases/{caseId}/evidence", body, $"multipart/form-data; boundary={Boundary}"), HttpStatusCode.RequestEntityTooLarge);

        Assert.InRange(body.Pulled, EvidenceFiles.MaxBytes, EvidenceFiles.MaxBytes + Slack);
    }

    [Theory]
    [InlineData("multipart/form-data")]
    [InlineData("multipart/form-data; boundary=")]
    [InlineData("multipart/form-data; boundary=\"\"")]
    [InlineData("multipart/form-data; boundary=0123456789012345678901234567890123456789012345678901234567890123456789x")]
    public async Task GivenAFormWithoutAUsableBoundary_WhenUploaded_Then400NamingContentType_NotTooLarge(string contentType)
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        var form = "--x\r\nContent-Disposition: form-data; name=\"supportsLscs\"\r\n\r\n1\r\n--x--\r\n";

        var problem = await cases.RefusedAsync(caseId, () => cases.Dcc.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/evidence", form, contentType), HttpStatusCode.BadRequest, "Content-Type");

        Assert.Contains("boundary", problem["errors"]!["Content-Type"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string url, Stream body, string contentType)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        Assert.Null(content.Headers.ContentLength);
        return client.SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = content });
    }
}
