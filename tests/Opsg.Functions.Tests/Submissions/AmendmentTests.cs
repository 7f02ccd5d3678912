using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Submissions;

/// <summary>An amendment before the meeting is a new version of the statement; every version stays in the history.</summary>
public sealed class AmendmentTests(AmendmentTests.App fixture) : IClassFixture<AmendmentTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task GivenASubmission_WhenTheDccAmendsItBeforeTheMeeting_ThenTheLatestCountsAndBothAreKept()
    {
        var secas = _app.ClientAs("Secas");
        var dcc = _app.ClientAs("Dcc");
        var caseId = await secas.OpenCaseAsync();
        await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Accepted);

        var amended = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Seed002.Submission, Fixtures.Http.Json))!;
        amended["cohort"]!["activeInstallations"] = 98300;
        await dcc.PostJson($"/api/cases/{caseId}/submissions", amended).ExpectAsync(HttpStatusCode.Accepted);

        var review = await secas.ReviewAsync(caseId);
        Assert.Equal(2, review["submissionVersion"]!.GetValue<int>());
        Assert.Equal(98300, review["cohort"]!["activeInstallations"]!.GetValue<int>());
        var history = await _app.Service<HistoryTable>().ReadAsync(caseId, default);
        var versions = history.Events.Where(e => e.Type == "ReadinessSubmitted").Select(e => JsonNode.Parse(e.Payload)!["cohort"]!["activeInstallations"]!.GetValue<int>());
        Assert.Equal([98218, 98300], versions);
        // Each version gets its own readiness pack.
        var status = await secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count == 2);
        Assert.Equal([1, 2], status["reports"]!.AsArray().Select(r => r!["version"]!.GetValue<int>()));
    }

    [Fact]
    public async Task GivenTheMeetingWasHeld_WhenTheDccAmends_ThenConflictAndNothingRecorded()
    {
        var secas = _app.ClientAs("Secas");
        var dcc = _app.ClientAs("Dcc");
        var caseId = await secas.OpenCaseAsync();
        await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Accepted);
        await secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview).ExpectAsync(HttpStatusCode.OK);
        await secas.PutJson($"/api/cases/{caseId}/meeting", Seed002Review.Meeting).ExpectAsync(HttpStatusCode.OK);
        var before = await _app.Service<HistoryTable>().ReadAsync(caseId, default);

        var refused = await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Contains("meeting has been held", refused.Text("detail"), StringComparison.Ordinal);
        var after = await _app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(before.Events.Count(e => e.Type == "ReadinessSubmitted"), after.Events.Count(e => e.Type == "ReadinessSubmitted"));
    }
}
