using System.Net;
using System.Net.Http.Headers;
using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>
/// Each kind of answer carries its headers: 401 a challenge, HTML a CSP that runs nothing and nosniff, and every
/// answer (a link's token, case JSON, a command's answer, a refusal) no-store, HSTS and a CSP that neither re-bases,
/// submits nor lets itself be framed.
/// </summary>
public sealed class ResponseHeaderTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private const string Csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private const string ApiCsp = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>What no answer of the app goes without.</summary>
    private static void AssertNeverStoredAndHttpsOnly(HttpResponseMessage response)
    {
        var what = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath} → {(int)response.StatusCode}";
        Assert.True(response.Headers.CacheControl is { NoStore: true, Private: true }, $"{what}: Cache-Control: {response.Headers.CacheControl}");
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts) && hsts.Single().StartsWith("max-age=", StringComparison.Ordinal), $"{what}: no HSTS");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.All(["base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"], directive => Assert.Contains(directive, csp, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenALinkIssued_ThenTheAnswerCarryingItsTokenIsNeverStored()
    {
        var caseId = await cases.NewAsync(Stage.PanelReportIssued);
        var issued = await cases.Secas.PostJson($"/api/cases/{caseId}/links", new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(7) });
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        Assert.Contains("\"token\"", await issued.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        AssertNeverStoredAndHttpsOnly(issued);
        Assert.Equal(ApiCsp, issued.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task EveryKindOfAnswer_IsNeverStored_HttpsOnly_AndUnframeable()
    {
        var caseId = await cases.SharedAsync(Stage.ReviewOpened);
        using var anonymous = cases.App.ClientAs(null);
        var answers = new List<HttpResponseMessage>
        {
            await cases.Secas.GetAsync("/api/cases"),                                                   // a list of cases
            await cases.Secas.PostJson("/api/cases", Seed002.OpenCase),                                 // a command's answer
            await cases.Secas.GetAsync($"/api/cases/{caseId}/actions/99"),                             // a refusal naming the case
            await anonymous.GetAsync("/api/cases"),                                                     // 401
            await anonymous.GetAsync("/api/health"),
            await anonymous.GetAsync("/api/openapi/v1.json"),
            await anonymous.GetAsync("/api/links/not-a-real-token"),
        };

        Assert.All(answers, AssertNeverStoredAndHttpsOnly);
    }

    private static void AssertHtmlHeaders(HttpResponseMessage response)
    {
        Assert.Equal(Csp, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task GivenNoCredentials_WhenReadingACase_ThenUnauthorizedWithAChallenge()
    {
        using var anonymous = cases.App.ClientAs(null);
        var response = await anonymous.GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task GivenARenderedReport_WhenASignedInUserReadsIt_ThenTheSameCspAndNosniffAsThePanelLink()
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        var status = await cases.Secas.WaitForAsync(caseId, s => ReviewRecording.HasReport(s, ReportKinds.ReadinessPack, 1));
        using var opsg = cases.App.ClientAs("OpsgMember");
        opsg.DefaultRequestHeaders.Accept.Clear();
        opsg.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        var response = await opsg.GetAsync($"/api/cases/{caseId}/reports/{ReportKinds.ReadinessPack}/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertHtmlHeaders(response);
        AssertNeverStoredAndHttpsOnly(response);
        Assert.NotNull(status);
    }

    [Fact]
    public async Task GivenAnUnknownLinkToken_WhenOpened_ThenNotFoundWithNosniff()
    {
        using var anonymous = cases.App.ClientAs(null);
        var response = await anonymous.GetAsync("/api/links/not-a-real-token");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/api/cases/{id}")]
    [InlineData("/api/cases/{id}/review")]
    public async Task GivenACase_WhenItsJsonIsRead_ThenNoStore(string route)
    {
        var caseId = await cases.SharedAsync(Stage.ReviewOpened);
        var response = await cases.Secas.GetAsync(route.Replace("{id}", caseId, StringComparison.Ordinal));
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
