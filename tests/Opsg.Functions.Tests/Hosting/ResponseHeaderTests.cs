using System.Net;
using System.Net.Http.Headers;
using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>Each kind of answer carries its headers: 401 a challenge, HTML a CSP and nosniff, case JSON no-store.</summary>
public sealed class ResponseHeaderTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private const string Csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

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
