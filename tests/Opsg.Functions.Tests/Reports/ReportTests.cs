using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Reports;

/// <summary>
/// Report requests SECAS cannot mean (unknown, repeated or no kinds; documents the case is not ready
/// for) and report reads that name nothing (bad version ranges, versions that do not exist). Each is
/// a problem answer and nothing is scheduled.
/// </summary>
public sealed class ReportTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private async Task<JsonObject> RequestRefusedAsync(Stage stage, string body, HttpStatusCode status, params string[] fields)
    {
        var caseId = await cases.SharedAsync(stage);
        return await cases.RefusedAsync(caseId, () => cases.Secas.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/reports", body), status, fields);
    }

    /// <summary>A case whose Panel report has versions 1 and 2 (and readiness pack version 1).</summary>
    private Task<string> TwoPanelReportsAsync() => cases.SharedAsync("two panel reports", async () =>
    {
        var caseId = await cases.NewAsync(Stage.PanelReportIssued);
        await ReviewRecording.RequestAndWaitAsync(cases.Secas, caseId, "panel-report");
        return caseId;
    });

    // --- POST /api/cases/{id}/reports ------------------------------------------------------------

    [Theory]
    [InlineData("[\"minutes\"]", "minutes")]
    [InlineData("[\"panel-report\",\"Panel-Report\"]", "Panel-Report")]
    [InlineData("[\"panel-report \"]", "panel-report ")]
    [InlineData("[\"panel_report\"]", "panel_report")]
    [InlineData("[\"../readiness-pack\"]", "../readiness-pack")]
    [InlineData("[\"\"]", "''")]
    [InlineData("[null]", "''")]
    [InlineData("[\"draft-minutes\",\"gossip\",\"panel-report\"]", "gossip")]
    public async Task GivenAKindThatIsNoReport_WhenRequested_ThenBadRequestNamingKindsAndNothingScheduled(string kinds, string named)
    {
        var problem = await RequestRefusedAsync(Stage.Decided, $"{{\"kinds\":{kinds}}}", HttpStatusCode.BadRequest, "kinds");
        Assert.Equal(["kinds"], problem.ErrorFields());
        Assert.Contains(named, problem.ErrorsFor("kinds"), StringComparison.Ordinal);
        Assert.Contains("is not a report", problem.ErrorsFor("kinds"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenMarkupAndInvisibleCharactersAsKinds_WhenRequested_ThenBadRequestNamingKinds()
    {
        foreach (var kind in new[] { "<script>alert(1)</script>", "javascript:alert(1)", "panel-report\\u202e", "panel-report\\u0000" })
            await RequestRefusedAsync(Stage.Decided, $"{{\"kinds\":[\"{kind}\"]}}", HttpStatusCode.BadRequest, "kinds");
    }

    [Theory]
    [InlineData("[\"panel-report\",\"panel-report\"]", "'panel-report' appears twice.")]
    [InlineData("[\"draft-minutes\",\"panel-report\",\"draft-minutes\"]", "'draft-minutes' appears twice.")]
    [InlineData("[\"actions-register\",\"actions-register\",\"actions-register\"]", "'actions-register' appears twice.")]
    public async Task GivenAKindTwice_WhenRequested_ThenBadRequestNamingKinds(string kinds, string message)
    {
        var problem = await RequestRefusedAsync(Stage.Decided, $"{{\"kinds\":{kinds}}}", HttpStatusCode.BadRequest, "kinds");
        Assert.Equal(["kinds"], problem.ErrorFields());
        Assert.Contains(message, problem.ErrorsFor("kinds"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenThousandsOfKinds_WhenRequested_ThenBadRequestNotAServerError()
    {
        var kinds = new JsonArray([.. Enumerable.Repeat("panel-report", 5_000).Concat(Enumerable.Range(0, 5_000).Select(i => $"kind-{i}")).Select(k => JsonValue.Create(k))]);
        await RequestRefusedAsync(Stage.Decided, new JsonObject { ["kinds"] = kinds }.ToJsonString(), HttpStatusCode.BadRequest, "kinds");
    }

    [Theory]
    [InlineData("{\"kinds\":[]}")]
    [InlineData("{\"kinds\":null}")]
    [InlineData("{}")]
    public async Task GivenNoKinds_WhenRequested_ThenBadRequestNamingKinds(string body)
    {
        var problem = await RequestRefusedAsync(Stage.Decided, body, HttpStatusCode.BadRequest, "kinds");
        Assert.Contains("Name at least one of", problem.ErrorsFor("kinds"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"kind\":\"panel-report\"}", new[] { "kind" })]
    [InlineData("{\"kinds\":[\"panel-report\"],\"version\":3}", new[] { "version" })]
    [InlineData("{\"kinds\":[1,\"panel-report\",true]}", new[] { "kinds[0]", "kinds[2]" })]
    [InlineData("{\"kinds\":\"panel-report,draft-minutes\"}", new[] { "kinds" })]
    public async Task GivenTheWrongShape_WhenRequested_ThenBadRequestNamingEveryMisfit(string body, string[] fields)
    {
        var problem = await RequestRefusedAsync(Stage.Decided, body, HttpStatusCode.BadRequest, fields);
        Assert.Equal(fields, problem.ErrorFields());
    }

    [Theory]
    [InlineData(Stage.Opened, "[\"readiness-pack\"]")]
    [InlineData(Stage.Submitted, "[\"draft-minutes\"]")]
    [InlineData(Stage.ReviewOpened, "[\"actions-register\"]")]
    [InlineData(Stage.ReviewOpened, "[\"panel-report\"]")]
    [InlineData(Stage.ActionsRaised, "[\"panel-report\"]")] // the meeting is recorded, no LSC is decided yet
    [InlineData(Stage.ActionsRaised, "[\"actions-register\",\"panel-report\"]")] // one ready, one not: neither is scheduled
    public async Task GivenADocumentTheCaseIsNotReadyFor_WhenRequested_ThenConflictAndNothingScheduled(Stage stage, string kinds) =>
        await RequestRefusedAsync(stage, $"{{\"kinds\":{kinds}}}", HttpStatusCode.Conflict);

    // --- GET /api/cases/{id}/reports/{kind}/changes ----------------------------------------------

    [Theory]
    [InlineData("?from=2&to=1", new[] { "from" })]
    [InlineData("?from=abc&to=2", new[] { "from" })]
    [InlineData("?from=1&to=two", new[] { "to" })]
    [InlineData("?from=1.5&to=2", new[] { "from" })]
    [InlineData("?from=1&to=2e0", new[] { "to" })]
    [InlineData("?from=0x1&to=2", new[] { "from" })]
    [InlineData("?from=99999999999&to=2", new[] { "from" })]
    [InlineData("?from=0&to=2", new[] { "from" })]
    [InlineData("?from=-1&to=2", new[] { "from" })]
    [InlineData("?from=1&to=", new[] { "to" })]
    [InlineData("?from=&to=", new[] { "from", "to" })]
    [InlineData("?to=2", new[] { "from" })]
    [InlineData("?from=1", new[] { "to" })]
    [InlineData("", new[] { "from", "to" })]
    [InlineData("?from=abc&to=xyz", new[] { "from", "to" })]
    [InlineData("?from=1&from=2&to=2", new[] { "from" })]
    public async Task GivenABadRange_WhenChangesAreRead_ThenBadRequestNamingTheBound(string query, string[] fields)
    {
        var caseId = await TwoPanelReportsAsync();
        var problem = await cases.RefusedAsync(caseId, () => cases.Secas.GetAsync($"/api/cases/{caseId}/reports/panel-report/changes{query}"), HttpStatusCode.BadRequest, fields);
        Assert.Equal(fields, problem.ErrorFields());
    }

    [Theory]
    [InlineData("panel-report", "?from=1&to=3")]
    [InlineData("panel-report", "?from=3&to=4")]
    [InlineData("panel-report", "?from=7&to=9")]
    [InlineData("readiness-pack", "?from=1&to=2")]
    [InlineData("draft-minutes", "?from=1&to=1")]
    [InlineData("minutes", "?from=1&to=2")]
    [InlineData("..%2Fpanel-report", "?from=1&to=2")]
    public async Task GivenAVersionThatDoesNotExist_WhenChangesAreRead_ThenNotFound(string kind, string query)
    {
        var caseId = await TwoPanelReportsAsync();
        await cases.RefusedAsync(caseId, () => cases.Secas.GetAsync($"/api/cases/{caseId}/reports/{kind}/changes{query}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GivenTwoVersions_WhenChangesAreRead_ThenOk()
    {
        // The positive twin: the shared case really has both versions.
        var caseId = await TwoPanelReportsAsync();
        var changes = await cases.Secas.GetAsync($"/api/cases/{caseId}/reports/panel-report/changes?from=1&to=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, changes["to"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task GivenACaseThatDoesNotExist_WhenChangesAreRead_ThenNotFound()
    {
        var caseId = "nosuch" + Guid.NewGuid().ToString("N")[..8];
        await cases.RefusedAsync(caseId, () => cases.Secas.GetAsync($"/api/cases/{caseId}/reports/panel-report/changes?from=1&to=2"), HttpStatusCode.NotFound);
    }

    // --- GET /api/cases/{id}/reports/{kind}/v{n} ------------------------------------------------

    [Theory]
    [InlineData("panel-report/v3")]
    [InlineData("panel-report/v0")]
    [InlineData("panel-report/v-1")]
    [InlineData("panel-report/vabc")]
    [InlineData("panel-report/v1.0")]
    [InlineData("panel-report/v99999999999")]
    [InlineData("panel-report/1")]
    [InlineData("minutes/v1")]
    [InlineData("draft-minutes/v1")]
    [InlineData("..%2Freadiness-pack/v1")]
    public async Task GivenAVersionThatDoesNotExist_WhenTheReportIsRead_ThenNotFoundProblem(string path)
    {
        var caseId = await TwoPanelReportsAsync();
        await cases.RefusedAsync(caseId, () => cases.Secas.GetAsync($"/api/cases/{caseId}/reports/{path}"), HttpStatusCode.NotFound);
    }
}
