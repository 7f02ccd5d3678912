using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Review.BadInput;

/// <summary>
/// Well-formed requests the record refuses: unknown LSCs and risks, duplicates, steps out of order,
/// actions that are closed or do not exist, conditions that were never set. Nothing is recorded.
/// </summary>
public sealed class DomainRuleTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private async Task<JsonObject> RefusedAsync(Stage stage, string role, string method, string route, object body, HttpStatusCode status, params string[] fields)
    {
        var caseId = await cases.SharedAsync(stage);
        var json = body as JsonNode ?? RawRequests.Tree(body);
        return await cases.RefusedAsync(caseId,
            () => cases.As(role).SendJson(new HttpMethod(method), route.Replace("{id}", caseId, StringComparison.Ordinal), json), status, fields);
    }

    private static JsonNode Decision(int lsc) => JsonNode.Parse($"{{\"lsc\":{lsc},\"decision\":\"accepted\",\"rag\":\"green\"}}")!;

    // --- unknown LSCs -------------------------------------------------------------------------

    [Fact]
    public async Task GivenDecisionsOnLscsOutsideTheOpsgScope_WhenRecorded_ThenBadRequestNamingEachOne()
    {
        // LSC 4 is in the TAG's scope, 42 in nobody's, 0 is not an LSC number.
        var problem = await RefusedAsync(Stage.ActionsRaised, "Secas", "POST", "/api/cases/{id}/decisions",
            new JsonObject { ["criteria"] = new JsonArray(Decision(1), Decision(4), Decision(42), Decision(0)) },
            HttpStatusCode.BadRequest, "criteria[1].lsc", "criteria[2].lsc", "criteria[3].lsc");
        Assert.Equal(["criteria[1].lsc", "criteria[2].lsc", "criteria[3].lsc"], problem.ErrorFields());
    }

    [Fact]
    public async Task GivenADecisionConditionalOnAnUnknownRiskAndAnUnknownRiskDecision_WhenRecorded_ThenBothNamed()
    {
        var problem = await RefusedAsync(Stage.ActionsRaised, "Secas", "POST", "/api/cases/{id}/decisions",
            new { criteria = new object[] { new { lsc = 2, decision = "acceptedSubjectToCondition", conditionRisk = 11, rag = "green" } },
                  risks = new object[] { new { number = 7, decision = "accepted" }, new { number = 12, decision = "acceptedSubjectToAction", actionId = "OPSG 29xxx/09" } } },
            HttpStatusCode.BadRequest);
        Assert.Equal(["criteria[0].conditionRisk", "risks[0].number", "risks[1].actionId"], problem.ErrorFields());
    }

    [Theory]
    [InlineData(42)] // in no catalogue
    [InlineData(10)] // beyond the SMETS1 migration catalogue (LSC 1 to 9)
    public async Task GivenANoteOnAnLscOutsideTheCatalogue_WhenAdded_ThenBadRequestNamingLsc(int lsc) =>
        await RefusedAsync(Stage.Decided, "Secas", "POST", "/api/cases/{id}/notes",
            new { effect = "conditionDischarged", lsc, on = "2020-03-05", text = "Discharged." }, HttpStatusCode.BadRequest, "lsc");

    [Fact]
    public async Task GivenANoteOnAnUnknownRiskOrAction_WhenAdded_ThenBadRequestNamingIt()
    {
        await RefusedAsync(Stage.Decided, "Secas", "POST", "/api/cases/{id}/notes",
            new { effect = "conditionDischarged", risk = 11, on = "2020-03-05", text = "Discharged." }, HttpStatusCode.BadRequest, "risk");
        await RefusedAsync(Stage.Decided, "Secas", "POST", "/api/cases/{id}/notes",
            new { effect = "actionClosed", actionId = "OPSG 29xxx/07", on = "2020-03-05", text = "Closed." }, HttpStatusCode.BadRequest, "actionId");
    }

    [Theory]
    [InlineData(1, "criteria[0].lsc")] // in the OPSG's scope, not the TAG's
    [InlineData(10, "criteria[0].lsc")] // beyond the catalogue
    [InlineData(42, "criteria[0].lsc")]
    [InlineData(100, "criteria[0].lsc")]
    public async Task GivenATagViewOnAnLscOutsideTheTagScope_WhenRaised_ThenBadRequestNamingIt(int lsc, string field) =>
        await RefusedAsync(Stage.Submitted, "Tag", "POST", "/api/cases/{id}/raiseEvent/TagView",
            new { criteria = new object[] { new { lsc, decision = "accepted", rag = "green", commentary = "Fine." } } }, HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task GivenATagViewOnANumberThatIsNoLsc_WhenRaisedBeforeTheSubmission_ThenBadRequestRatherThanKept()
    {
        // Before the submission the TAG's view is kept until the case waits for it; an LSC number
        // that cannot exist is refused at once rather than kept.
        var problem = await RefusedAsync(Stage.Opened, "Tag", "POST", "/api/cases/{id}/raiseEvent/TagView",
            new { criteria = new object[] { new { lsc = 1000, decision = "accepted", rag = "green", commentary = "Fine." } }, risks = new object[] { new { number = 0, view = "None." } } },
            HttpStatusCode.BadRequest, "criteria[0].lsc", "risks[0].number");
        Assert.Equal(["criteria[0].lsc", "risks[0].number"], problem.ErrorFields());
    }

    [Fact]
    public async Task GivenAViewOnAnUnknownRisk_WhenTheTagRaisesIt_ThenBadRequestNamingIt() =>
        await RefusedAsync(Stage.Submitted, "Tag", "POST", "/api/cases/{id}/raiseEvent/TagView",
            new { risks = new object[] { new { number = 11, view = "Not a risk we know." } } }, HttpStatusCode.BadRequest, "risks[0].number");

    [Fact]
    public async Task GivenCriteriaOutsideTheScopeAndScopesOutOfRange_WhenSubmitted_ThenEveryFieldNamed()
    {
        var body = JsonEndpoint.Named("SubmitReadiness").Tree();
        body["opsgScope"] = new JsonArray(1, 2, 3, 6, 7, 8, 9, 0, 100);
        body["tagScope"] = new JsonArray(4, 5, 10, 9);
        JsonEndpoint.Set(body, "criteria[7].lsc", 11);
        var problem = await RefusedAsync(Stage.Opened, "Dcc", "POST", "/api/cases/{id}/submissions", body, HttpStatusCode.BadRequest);
        Assert.Equal(["criteria", "criteria[7].lsc", "opsgScope", "tagScope"], problem.ErrorFields()); // criteria: no statement for LSCs 0 and 100
    }

    // --- the criteria catalogue ---------------------------------------------------------------

    [Fact]
    public async Task GivenASubmissionCitingLsc10_WhenSubmitted_ThenBadRequestNamingTheScopeAndTheStatement()
    {
        // SMETS1 migration has LSC 1 to 9; LSC 10 passes every other check (a number, in the TAG's scope, with a statement).
        var body = JsonEndpoint.Named("SubmitReadiness").Tree();
        body["tagScope"]!.AsArray().Add(10);
        body["criteria"]!.AsArray().Add(JsonNode.Parse("{\"lsc\":10,\"statement\":\"Security testing assured.\"}"));
        var problem = await RefusedAsync(Stage.Opened, "Dcc", "POST", "/api/cases/{id}/submissions", body, HttpStatusCode.BadRequest);
        Assert.Equal(["criteria[8].lsc", "tagScope"], problem.ErrorFields());
        Assert.Contains("not in the SMETS1 migration catalogue (LSC 1 to 9)", problem.ErrorsFor("tagScope"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenADecisionOnLsc10_WhenRecorded_ThenBadRequestNamingItAsOutsideTheCatalogue()
    {
        var problem = await RefusedAsync(Stage.ActionsRaised, "Secas", "POST", "/api/cases/{id}/decisions",
            new JsonObject { ["criteria"] = new JsonArray(Decision(1), Decision(10)) }, HttpStatusCode.BadRequest, "criteria[1].lsc");
        Assert.Contains("catalogue", problem.ErrorsFor("criteria[1].lsc"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenATagViewOnLsc10_WhenRaisedBeforeTheSubmission_ThenBadRequestRatherThanKept()
    {
        // The case's catalogue is known from the moment it opens, so such a view is never kept for later.
        var problem = await RefusedAsync(Stage.Opened, "Tag", "POST", "/api/cases/{id}/raiseEvent/TagView",
            new { criteria = new object[] { new { lsc = 4, decision = "accepted", rag = "green", commentary = "Fine." }, new { lsc = 10, decision = "accepted", rag = "green", commentary = "Fine." } } },
            HttpStatusCode.BadRequest, "criteria[1].lsc");
        Assert.Equal(["criteria[1].lsc"], problem.ErrorFields());
    }

    [Fact]
    public async Task GivenAnUnknownCatalogue_WhenACaseIsOpened_ThenBadRequestNamingCatalogueAndNoCase()
    {
        var count = await cases.CaseCountAsync();
        var body = RawRequests.Tree(Seed002.OpenCase);
        body["catalogue"] = "smets2-release";
        var problem = await (await cases.Secas.SendJson(HttpMethod.Post, "/api/cases", body)).ProblemAsync(HttpStatusCode.BadRequest, "catalogue");
        Assert.Contains(Opsg.Functions.Criteria.CriteriaCatalogues.Smets1MigrationId, problem.ErrorsFor("catalogue"), StringComparison.Ordinal);
        Assert.Equal(count, await cases.CaseCountAsync());
    }

    // --- the TAG's conditions take the OPSG's rules -----------------------------------------

    [Theory]
    [InlineData("{\"lsc\":5,\"decision\":\"acceptedSubjectToCondition\",\"rag\":\"amber\",\"commentary\":\"Open.\"}", "criteria[0].condition")] // no condition given
    [InlineData("{\"lsc\":5,\"decision\":\"accepted\",\"condition\":\"Close the defects.\",\"rag\":\"green\",\"commentary\":\"Fine.\"}", "criteria[0].condition")] // a condition on a plain acceptance
    [InlineData("{\"lsc\":5,\"decision\":\"acceptedSubjectToCondition\",\"conditionRisk\":11,\"rag\":\"amber\",\"commentary\":\"Open.\"}", "criteria[0].conditionRisk")] // no risk 11
    public async Task GivenATagConditionTheOpsgCouldNotRecordEither_WhenRaised_ThenBadRequestNamingIt(string criterion, string field) =>
        await RefusedAsync(Stage.Submitted, "Tag", "POST", "/api/cases/{id}/raiseEvent/TagView",
            new JsonObject { ["criteria"] = new JsonArray(JsonNode.Parse(criterion)) }, HttpStatusCode.BadRequest, field);

    // --- duplicates ---------------------------------------------------------------------------

    [Fact]
    public async Task GivenRisk12TwiceInASubmission_WhenSubmitted_ThenBadRequestNamingTheSecond()
    {
        var body = JsonEndpoint.Named("SubmitReadiness").Tree();
        var risks = body["risks"]!.AsArray();
        risks.Add(JsonNode.Parse("{\"number\":12,\"title\":\"ITIL\",\"explanation\":\"Resolution times.\",\"proposal\":\"accept\"}"));
        risks.Add(JsonNode.Parse("{\"number\":12,\"title\":\"ITIL again\",\"explanation\":\"Resolution times.\",\"proposal\":\"remove\"}"));
        var problem = await RefusedAsync(Stage.Opened, "Dcc", "POST", "/api/cases/{id}/submissions", body, HttpStatusCode.BadRequest, "risks[7].number");
        Assert.Equal(["risks[7].number"], problem.ErrorFields());
        Assert.Contains("Risk 12 appears twice", problem.ErrorsFor("risks[7].number"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAnLscTwiceInASubmission_WhenSubmitted_ThenBadRequestNamingIt()
    {
        var body = JsonEndpoint.Named("SubmitReadiness").Tree();
        body["opsgScope"]!.AsArray().Add(1);
        body["criteria"]!.AsArray().Add(JsonNode.Parse("{\"lsc\":1,\"statement\":\"Again.\"}"));
        var problem = await RefusedAsync(Stage.Opened, "Dcc", "POST", "/api/cases/{id}/submissions", body, HttpStatusCode.BadRequest);
        Assert.Equal(["criteria[8].lsc", "opsgScope"], problem.ErrorFields());
    }

    [Theory]
    [InlineData(12)] // added by SECAS already
    [InlineData(3)] // the DCC's
    public async Task GivenARiskNumberThatExists_WhenAddedAgain_ThenBadRequestNamingNumber(int number)
    {
        var problem = await RefusedAsync(Stage.ActionsRaised, "Secas", "POST", "/api/cases/{id}/risks",
            new { number, title = "Telefonica and ITIL compliance", explanation = "Raised twice.", raisedBy = "SECAS" }, HttpStatusCode.BadRequest, "number");
        Assert.Contains("never reused", problem.ErrorsFor("number"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenRisk12AddedTwiceInARow_WhenTheSecondArrives_ThenItIsRefusedAndTheFirstStands()
    {
        var caseId = await cases.NewAsync(Stage.MeetingHeld);
        await cases.Secas.PostJson($"/api/cases/{caseId}/risks", Seed002Review.AddedRisks[0]).ExpectAsync(HttpStatusCode.OK);
        await cases.RefusedAsync(caseId, () => cases.Secas.PostJson($"/api/cases/{caseId}/risks", Seed002Review.AddedRisks[0]), HttpStatusCode.BadRequest, "number");
        Assert.Single((await cases.Secas.ReviewAsync(caseId))["risks"]!.AsArray(), r => r!["number"]!.GetValue<int>() == 12);
    }

    [Fact]
    public async Task GivenTheSameLscAndRiskDecidedTwiceInOneRequest_WhenRecorded_ThenBadRequestNamingBoth()
    {
        var problem = await RefusedAsync(Stage.ActionsRaised, "Secas", "POST", "/api/cases/{id}/decisions",
            new { criteria = new object[] { new { lsc = 7, decision = "accepted", rag = "green" }, new { lsc = 7, decision = "notAccepted", rag = "red" } },
                  risks = new object[] { new { number = 3, decision = "accepted" }, new { number = 3, decision = "removed" } } },
            HttpStatusCode.BadRequest);
        Assert.Equal(["criteria", "risks"], problem.ErrorFields());
        Assert.Contains("LSC 7 is decided twice", problem.ErrorsFor("criteria"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheSameAttendeeTwice_WhenTheMeetingIsRecorded_ThenBadRequest()
    {
        var body = JsonEndpoint.Named("RecordMeeting").Tree();
        body["attendees"]!.AsArray().Add(JsonNode.Parse("{\"name\":\"dave warner\",\"constituency\":\"operationsGroupChair\"}"));
        await RefusedAsync(Stage.ReviewOpened, "Secas", "PUT", "/api/cases/{id}/meeting", body, HttpStatusCode.BadRequest, "attendees");
    }

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
