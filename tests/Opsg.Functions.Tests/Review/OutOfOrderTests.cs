using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Http;

namespace Opsg.Functions.Tests.Review;

/// <summary>
/// Well-formed requests the timeline refuses: steps too early or too late, actions that are closed or do not
/// exist, conditions never set, cases that do not exist, more decisions than one atomic append holds.
/// </summary>
[Collection(DomainRules.Collection)]
public sealed class OutOfOrderTests(ReviewCases cases)
{
    private Task<JsonObject> RefusedAsync(Stage stage, string role, string method, string route, object body, HttpStatusCode status, params string[] fields) =>
        DomainRules.RefusedAsync(cases, stage, role, method, route, body, status, fields);

    // --- out of order -------------------------------------------------------------------------

    [Theory]
    [InlineData(Stage.Opened)]
    [InlineData(Stage.Submitted)]
    [InlineData(Stage.ReviewOpened)]
    public async Task GivenNoMeetingYet_WhenDecisionsAreRecorded_ThenConflict(Stage stage) =>
        await RefusedAsync(stage, "Secas", "POST", "/api/cases/{id}/decisions", Seed002Review.Decisions, HttpStatusCode.Conflict);

    [Theory]
    [InlineData("/api/cases/{id}/review", "POST", Stage.Opened)]
    [InlineData("/api/cases/{id}/meeting", "PUT", Stage.Submitted)]
    [InlineData("/api/cases/{id}/actions", "POST", Stage.ReviewOpened)]
    [InlineData("/api/cases/{id}/notes", "POST", Stage.ReviewOpened)]
    [InlineData("/api/cases/{id}/risks", "POST", Stage.Submitted)]
    [InlineData("/api/cases/{id}/submissions", "POST", Stage.MeetingHeld)]
    [InlineData("/api/cases/{id}/review", "POST", Stage.MeetingHeld)]
    public async Task GivenAStepTooEarlyOrTooLate_WhenSent_ThenConflict(string route, string method, Stage stage)
    {
        var endpoint = JsonEndpoint.All.First(e => e.Route == route);
        await RefusedAsync(stage, endpoint.Role, method, route, endpoint.Tree(), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("target-revisions", "{\"revisedTarget\":\"2020-04-30\"}")]
    [InlineData("progress", "{\"on\":\"2020-03-10\",\"text\":\"Drafting.\"}")]
    public async Task GivenAnUnknownActionNumber_WhenRevisedOrProgressed_ThenNotFound(string what, string body)
    {
        foreach (var number in new[] { 4, 99, 0 })
            await RefusedAsync(Stage.ActionsRaised, "Secas", "POST", $"/api/cases/{{id}}/actions/{number}/{what}", JsonNode.Parse(body)!, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GivenAnUnknownActionNumber_WhenRead_ThenNotFoundProblem()
    {
        var caseId = await cases.SharedAsync(Stage.ActionsRaised);
        await (await cases.Secas.GetAsync($"/api/cases/{caseId}/actions/4")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GivenAClosedActionAndADischargedCondition_WhenChangedAgain_ThenConflictAndNothingRecorded()
    {
        var caseId = await cases.NewAsync(Stage.Decided);
        await cases.Secas.PostJson($"/api/cases/{caseId}/notes", cases.ForCase(caseId, Seed002Review.PostMeetingNotes[0])).ExpectAsync(HttpStatusCode.OK); // closes /01
        await cases.Secas.PostJson($"/api/cases/{caseId}/notes", Seed002Review.PostMeetingNotes[1]).ExpectAsync(HttpStatusCode.OK); // discharges LSC 2

        await cases.RefusedAsync(caseId, () => cases.Secas.PostJson($"/api/cases/{caseId}/actions/1/target-revisions", new { revisedTarget = "2020-04-30" }), HttpStatusCode.Conflict);
        await cases.RefusedAsync(caseId, () => cases.Dcc.PostJson($"/api/cases/{caseId}/actions/1/progress", new { on = "2020-03-10", text = "More." }), HttpStatusCode.Conflict);
        await cases.RefusedAsync(caseId, () => cases.Secas.PostJson($"/api/cases/{caseId}/notes", cases.ForCase(caseId, Seed002Review.PostMeetingNotes[0])), HttpStatusCode.Conflict);
        await cases.RefusedAsync(caseId, () => cases.Secas.PostJson($"/api/cases/{caseId}/notes", Seed002Review.PostMeetingNotes[1]), HttpStatusCode.Conflict);
        // The open action /02 still takes a revision: the refusal above is about /01 being closed.
        await cases.Secas.PostJson($"/api/cases/{caseId}/actions/2/target-revisions", new { revisedTarget = "2020-02-28" }).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("{\"effect\":\"conditionDischarged\",\"lsc\":1,\"on\":\"2020-03-05\",\"text\":\"Discharged.\"}")] // accepted outright
    [InlineData("{\"effect\":\"conditionDischarged\",\"lsc\":6,\"on\":\"2020-03-05\",\"text\":\"Discharged.\"}")] // AMBER, but no condition
    [InlineData("{\"effect\":\"conditionDischarged\",\"lsc\":4,\"on\":\"2020-03-05\",\"text\":\"Discharged.\"}")] // in the TAG's scope; the TAG set no condition
    [InlineData("{\"effect\":\"conditionDischarged\",\"risk\":3,\"on\":\"2020-03-05\",\"text\":\"Discharged.\"}")] // accepted, no caveat
    [InlineData("{\"effect\":\"conditionDischarged\",\"risk\":5,\"on\":\"2020-03-05\",\"text\":\"Discharged.\"}")] // needs TAG approval, no action
    public async Task GivenNoConditionToDischarge_WhenANoteDischargesIt_ThenConflict(string note) =>
        await RefusedAsync(Stage.Decided, "Secas", "POST", "/api/cases/{id}/notes", JsonNode.Parse(note)!, HttpStatusCode.Conflict);

    [Fact]
    public async Task GivenNoDecisionsYet_WhenANoteDischargesACondition_ThenConflict() =>
        await RefusedAsync(Stage.ActionsRaised, "Secas", "POST", "/api/cases/{id}/notes", Seed002Review.PostMeetingNotes[1], HttpStatusCode.Conflict);

    [Fact]
    public async Task GivenANoteDatedBeforeTheMeeting_WhenAdded_ThenBadRequestNamingOn() =>
        await RefusedAsync(Stage.Decided, "Secas", "POST", "/api/cases/{id}/notes",
            new { effect = "clarification", on = "2020-02-27", text = "Too early." }, HttpStatusCode.BadRequest, "on");

    public static TheoryData<string> CaseEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var e in JsonEndpoint.All.Where(e => e.Stage is not null)) data.Add(e.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseEndpoints))]
    public async Task GivenACaseThatDoesNotExist_WhenAnyStepIsSent_ThenNotFoundAndNothingCreated(string name)
    {
        var endpoint = JsonEndpoint.Named(name);
        var caseId = "nosuch" + Guid.NewGuid().ToString("N")[..8];
        await cases.RefusedAsync(caseId, () => cases.As(endpoint.Role).SendJson(endpoint.HttpMethod, endpoint.Url(caseId), endpoint.Tree()), HttpStatusCode.NotFound);
        Assert.Empty((await cases.App.Service<Opsg.Functions.Storage.HistoryTable>().ReadAsync(caseId, default)).Events);
    }

    // --- a request larger than one atomic append ----------------------------------------------

    [Fact]
    public async Task GivenMoreDecisionsThanOneAppendHolds_WhenRecorded_ThenBadRequestNotAServerError()
    {
        // 9 LSCs (the whole catalogue) and 82 risks: 91 decisions, each an event, in a case whose append is one batch.
        var caseId = await cases.Secas.OpenCaseAsync();
        var lscs = Enumerable.Range(1, 9).ToArray();
        var risks = Enumerable.Range(1, 82).ToArray();
        await cases.Dcc.PostJson($"/api/cases/{caseId}/submissions", new
        {
            subject = new { capability = "SMETS1 MOC", deviceModelCombination = "Many DMCs", panelAsk = "update the EPCL" },
            cohort = new { activeInstallations = 1, dormantInstallations = 0 },
            opsgScope = lscs,
            tagScope = Array.Empty<int>(),
            criteria = lscs.Select(l => new { lsc = l, statement = "Ready." }),
            risks = risks.Select(n => new { number = n, title = $"Risk {n}", explanation = "Low.", proposal = "accept" }),
        }).ExpectAsync(HttpStatusCode.Accepted);
        await cases.Secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count > 0);
        await cases.Secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview).ExpectAsync(HttpStatusCode.OK);
        await cases.Secas.PutJson($"/api/cases/{caseId}/meeting", Seed002Review.Meeting).ExpectAsync(HttpStatusCode.OK);

        object Decisions(int lscCount) => new
        {
            criteria = lscs.Take(lscCount).Select(l => new { lsc = l, decision = "accepted", rag = "green" }),
            risks = risks.Select(n => new { number = n, decision = "accepted" }),
        };
        await cases.RefusedAsync(caseId, () => cases.Secas.PostJson($"/api/cases/{caseId}/decisions", Decisions(9)), HttpStatusCode.BadRequest, "criteria");

        var before = await cases.SnapshotAsync(caseId);
        await cases.Secas.PostJson($"/api/cases/{caseId}/decisions", Decisions(8)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(90, (await before.AddedTypesAsync()).Count);
    }
}
