using System.Net;
using AngleSharp.Html.Parser;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Submissions;

/// <summary>The first slice end to end: open → submit → stored → activity renders the pack → served by link.</summary>
public sealed class ReadinessSliceTests(ReadinessSliceTests.App fixture) : IClassFixture<ReadinessSliceTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task GivenAnOpenCase_WhenTheDccSubmits_ThenTheReadinessPackIsRenderedAndServed()
    {
        var secas = _app.ClientAs("Secas");
        var dcc = _app.ClientAs("Dcc");
        var caseId = await secas.OpenCaseAsync();

        var submitted = await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);

        var status = await secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count > 0);
        Assert.Equal("SubmissionReceived", status["customStatus"]!.GetValue<string>());
        Assert.Equal("Running", status["runtimeStatus"]!.GetValue<string>());
        var link = status["reports"]![0]!["url"]!.GetValue<string>();
        Assert.Equal($"/api/cases/{caseId}/reports/readiness-pack/v1", link);

        var report = await secas.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal("text/html; charset=utf-8", report.Content.Headers.ContentType!.ToString());
        var html = await report.Content.ReadAsStringAsync();
        var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("98,218", document.QuerySelector("[data-field=active]")!.TextContent);
        Assert.Equal("43,154", document.QuerySelector("[data-field=dormant]")!.TextContent);
        Assert.Equal(Seed002.OpsgScope, document.QuerySelectorAll("#criteria tr[data-lsc]").Select(r => int.Parse(r.GetAttribute("data-lsc")!)));
        Assert.Equal(Seed002.RiskNumbers, document.QuerySelectorAll("#risks tr[data-risk]").Select(r => int.Parse(r.GetAttribute("data-risk")!)));
        Assert.Equal("not-for-publication", document.QuerySelector(".banner")!.GetAttribute("data-classification"));
    }

    [Fact]
    public async Task GivenASubmission_ThenTheHistoryIsInTableStorageInOrder()
    {
        var secas = _app.ClientAs("Secas");
        var caseId = await secas.OpenCaseAsync();
        await _app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        await secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count > 0);

        var history = await _app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(
            ["CaseOpened", "ReadinessSubmitted", "ActivityScheduled", "ReportRendered"],
            history.Events.Select(e => e.Type));
        Assert.Equal([1L, 2, 3, 4], history.Events.Select(e => e.Sequence));
        Assert.Equal("Secas", history.Events[0].ActorRole);
        Assert.Equal("Dcc", history.Events[1].ActorRole);
        Assert.Equal("Engine", history.Events[3].ActorRole);
        Assert.Equal(4, history.Header!.Version);
    }

    [Fact]
    public async Task GivenMalformedJson_ThenProblemDetailsAndNothingStored()
    {
        var secas = _app.ClientAs("Secas");
        var caseId = await secas.OpenCaseAsync();
        var before = await _app.Service<HistoryTable>().ReadAsync(caseId, default);

        var response = await _app.ClientAs("Dcc").PostAsync($"/api/cases/{caseId}/submissions",
            new StringContent("{\"subject\": {\"capability\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Json_();
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.NotNull(problem["errors"]);
        var after = await _app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(before.Events.Count, after.Events.Count);
        Assert.Equal(before.Header!.Version, after.Header!.Version);
    }

    [Fact]
    public async Task GivenAnUnknownCase_ThenNotFoundProblem()
    {
        var response = await _app.ClientAs("Secas").GetAsync("/api/cases/nosuchcase");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
