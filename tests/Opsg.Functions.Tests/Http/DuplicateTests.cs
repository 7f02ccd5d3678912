using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Review;

namespace Opsg.Functions.Tests.Http;

/// <summary>
/// Well-formed requests that say something twice: an LSC or a risk twice in one submission or decision,
/// a risk number that exists, an attendee listed twice. Refused, and the first statement stands.
/// </summary>
[Collection(DomainRules.Collection)]
public sealed class DuplicateTests(ReviewCases cases)
{
    private Task<JsonObject> RefusedAsync(Stage stage, string role, string method, string route, object body, HttpStatusCode status, params string[] fields) =>
        DomainRules.RefusedAsync(cases, stage, role, method, route, body, status, fields);

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
}
