using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Http;

namespace Opsg.Functions.Tests.Review;

/// <summary>
/// Well-formed requests citing what the case does not have: LSCs outside a body's scope or the criteria
/// catalogue, risks and actions that do not exist, a TAG condition the OPSG could not record either.
/// Each is refused with problem details and nothing is recorded.
/// </summary>
[Collection(DomainRules.Collection)]
public sealed class UnknownReferenceTests(ReviewCases cases)
{
    private Task<JsonObject> RefusedAsync(Stage stage, string role, string method, string route, object body, HttpStatusCode status, params string[] fields) =>
        DomainRules.RefusedAsync(cases, stage, role, method, route, body, status, fields);

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
}
