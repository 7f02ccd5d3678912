using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>
/// Bodies that are not what a JSON endpoint takes: malformed, wrong types, unknown members, missing
/// fields, the wrong media type, too large, not UTF-8. Each answer is a problem; nothing is recorded.
/// </summary>
public sealed partial class JsonBodyTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private async Task<JsonObject> RefusedAsync(JsonEndpoint endpoint, Func<string?, Task<HttpResponseMessage>> send, HttpStatusCode status, params string[] fields)
    {
        if (endpoint.Stage is { } stage)
        {
            var caseId = await cases.SharedAsync(stage);
            return await cases.RefusedAsync(caseId, () => send(caseId), status, fields);
        }
        var count = await cases.CaseCountAsync();
        var problem = await (await send(null)).ProblemAsync(status, fields);
        Assert.Equal(count, await cases.CaseCountAsync());
        return problem;
    }

    private Task<JsonObject> RefusedAsync(JsonEndpoint endpoint, string body, HttpStatusCode status, params string[] fields) =>
        RefusedAsync(endpoint, id => cases.As(endpoint.Role).SendRaw(endpoint.HttpMethod, endpoint.Url(id), body), status, fields);

    private Task<JsonObject> RefusedAsync(JsonEndpoint endpoint, JsonNode body, HttpStatusCode status, params string[] fields) =>
        RefusedAsync(endpoint, body.ToJsonString(), status, fields);

    public static TheoryData<string> Endpoints() => JsonEndpoint.Names();

    [Theory]
    [InlineData("{\"subject\": {\"capability\": ")]
    [InlineData("{\"subject\": {\"capability\": \"x\",}}")]
    [InlineData("{'subject': {}}")]
    [InlineData("{\"subject\": {} /* comment */}")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"a string\"")]
    public async Task GivenMalformedJson_WhenSubmitted_ThenBadRequestAndNothingRecorded(string body) =>
        await RefusedAsync(JsonEndpoint.Named("SubmitReadiness"), body, HttpStatusCode.BadRequest);

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task GivenMalformedJson_WhenSentToAnyEndpoint_ThenBadRequestAndNothingRecorded(string endpoint)
    {
        var body = JsonEndpoint.Named(endpoint).Tree().ToJsonString();
        await RefusedAsync(JsonEndpoint.Named(endpoint), body[..(body.Length / 2)], HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("cohort.activeInstallations", "\"98218\"", "Must be a whole number.")]
    [InlineData("cohort.dormantInstallations", "43154.5", "Must be a whole number.")]
    [InlineData("cohort.activeInstallations", "true", "Must be a whole number.")]
    [InlineData("opsgScope", "{\"1\": true}", "Must be a JSON array.")]
    [InlineData("opsgScope", "\"1,2,3\"", "Must be a JSON array.")]
    [InlineData("criteria", "{\"lsc\": 1}", "Must be a JSON array.")]
    [InlineData("subject", "[\"SMETS1\"]", "Must be a JSON object.")]
    [InlineData("risks[0].proposal", "1", "Must be a string.")]
    [InlineData("risks[0].number", "\"3\"", "Must be a whole number.")]
    [InlineData("subject.capability", "42", "Must be a string.")]
    [InlineData("criteria[0].lsc", "99999999999", "Must be a whole number.")]
    public async Task GivenAWrongType_WhenSubmitted_ThenBadRequestNamingTheField(string field, string json, string message)
    {
        var body = JsonEndpoint.Named("SubmitReadiness").Tree();
        JsonEndpoint.Set(body, field, JsonNode.Parse(json));
        var problem = await RefusedAsync(JsonEndpoint.Named("SubmitReadiness"), body, HttpStatusCode.BadRequest, field);
        Assert.Equal([field], problem.ErrorFields());
        Assert.Contains(message, problem.ErrorsFor(field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenSeveralWrongTypesAndUnknownMembers_WhenSubmitted_ThenEveryOneIsNamedInOneAnswer()
    {
        var body = JsonEndpoint.Named("SubmitReadiness").Tree();
        JsonEndpoint.Set(body, "cohort.activeInstallations", "98218");
        JsonEndpoint.Set(body, "opsgScope", new JsonObject { ["1"] = true });
        JsonEndpoint.Set(body, "risks[2].proposal", 1);
        JsonEndpoint.Set(body, "criteria[1].rag", "green");
        JsonEndpoint.Set(body, "approvedBy", "OPSG");
        var problem = await RefusedAsync(JsonEndpoint.Named("SubmitReadiness"), body, HttpStatusCode.BadRequest);
        Assert.Equal(["approvedBy", "cohort.activeInstallations", "criteria[1].rag", "opsgScope", "risks[2].proposal"], problem.ErrorFields());
        Assert.Contains("Unknown field.", problem.ErrorsFor("approvedBy"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RecordDecisions", "criteria[1].rag", "1", "criteria[1].rag")]
    [InlineData("RecordMeeting", "attendees[0].teleconference", "\"yes\"", "attendees[0].teleconference")]
    [InlineData("RecordMeeting", "date", "20200228", "date")]
    [InlineData("RecordMeeting", "attendees", "{}", "attendees")]
    [InlineData("RaiseAction", "targetDate", "\"24/03/2020\"", "targetDate")]
    [InlineData("AddRisk", "number", "\"12\"", "number")]
    [InlineData("RaiseTagView", "criteria[0].lsc", "\"4\"", "criteria[0].lsc")]
    [InlineData("AddPostMeetingNote", "effect", "0", "effect")]
    [InlineData("StartCase", "classification", "2", "classification")]
    [InlineData("RequestReports", "kinds", "\"panel-report\"", "kinds")]
    [InlineData("RequestReports", "kinds", "{\"panel-report\":true}", "kinds")]
    [InlineData("RequestReports", "kinds[0]", "1", "kinds[0]")]
    [InlineData("RequestReports", "kinds[0]", "[\"panel-report\"]", "kinds[0]")]
    [InlineData("IssueLink", "recipient", "42", "recipient")]
    [InlineData("IssueLink", "recipient", "[\"SEC Panel\"]", "recipient")]
    [InlineData("IssueLink", "recipient", "{\"name\":\"SEC Panel\"}", "recipient")]
    [InlineData("IssueLink", "expiresAt", "1893456000", "expiresAt")]
    [InlineData("IssueLink", "expiresAt", "true", "expiresAt")]
    [InlineData("IssueLink", "expiresAt", "{}", "expiresAt")]
    public async Task GivenAWrongType_WhenSentToAnEndpoint_ThenBadRequestNamingTheField(string endpoint, string field, string json, string expected)
    {
        var body = JsonEndpoint.Named(endpoint).Tree();
        JsonEndpoint.Set(body, field, JsonNode.Parse(json));
        var problem = await RefusedAsync(JsonEndpoint.Named(endpoint), body, HttpStatusCode.BadRequest, expected);
        Assert.Equal([expected], problem.ErrorFields());
    }

    /// <summary>A name from a fixed list is taken exactly as the OpenAPI document spells it: not in capitals, not padded.</summary>
    [Theory]
    [InlineData("RecordDecisions", "criteria[0].decision", "ACCEPTED")]
    [InlineData("RecordDecisions", "criteria[0].decision", "accepted ")]
    [InlineData("RecordDecisions", "criteria[0].rag", "Green")]
    [InlineData("RecordMeeting", "attendees[0].constituency", " dcc")]
    [InlineData("StartCase", "classification", "NotForPublication")]
    [InlineData("AddPostMeetingNote", "effect", "CLARIFICATION")]
    public async Task GivenAnEnumValueNotAsDocumented_WhenSent_ThenBadRequestNamingTheFieldAndNothingRecorded(string endpoint, string field, string value)
    {
        var body = JsonEndpoint.Named(endpoint).Tree();
        JsonEndpoint.Set(body, field, JsonValue.Create(value));
        var problem = await RefusedAsync(JsonEndpoint.Named(endpoint), body, HttpStatusCode.BadRequest, field);
        Assert.Equal([field], problem.ErrorFields());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task GivenAnUnknownMember_WhenSent_ThenBadRequestNamingItAndNothingRecorded(string endpoint)
    {
        var body = JsonEndpoint.Named(endpoint).Tree().AsObject();
        body["recommendation"] = "proceed";
        var problem = await RefusedAsync(JsonEndpoint.Named(endpoint), body, HttpStatusCode.BadRequest, "recommendation");
        Assert.Equal(["recommendation"], problem.ErrorFields());
    }

    [Fact]
    public async Task GivenAnUnknownNestedMember_WhenMeetingRecorded_ThenBadRequestNamingItsPath()
    {
        var body = JsonEndpoint.Named("RecordMeeting").Tree();
        body["attendees"]![3]!.AsObject()["email"] = "zoe@example.org";
        var problem = await RefusedAsync(JsonEndpoint.Named("RecordMeeting"), body, HttpStatusCode.BadRequest, "attendees[3].email");
        Assert.Equal(["attendees[3].email"], problem.ErrorFields());
    }

    public static TheoryData<string, string, string[]> MissingFields() => new()
    {
        { "StartCase", "{}", ["classification", "meetingId", "title"] },
        { "SubmitReadiness", "{}", ["cohort.activeInstallations", "cohort.dormantInstallations", "criteria", "opsgScope", "subject.capability", "subject.deviceModelCombination", "subject.panelAsk"] },
        { "SubmitReadiness", "{\"subject\":{},\"cohort\":{},\"opsgScope\":[1],\"criteria\":[{}],\"risks\":[{}]}",
            ["cohort.activeInstallations", "cohort.dormantInstallations", "criteria", "criteria[0].lsc", "criteria[0].statement",
             "risks[0].explanation", "risks[0].number", "risks[0].proposal", "risks[0].title", "subject.capability", "subject.deviceModelCombination", "subject.panelAsk"] },
        { "RecordMeeting", "{}", ["date", "venue"] }, // attendance may be the meeting record's
        { "RecordMeeting", "{\"attendees\":[{}],\"apologies\":[{}]}", ["apologies[0].constituency", "apologies[0].name", "attendees[0].constituency", "attendees[0].name", "date", "venue"] },
        { "AddRisk", "{}", ["explanation", "number", "raisedBy", "title"] },
        { "RaiseAction", "{}", ["owner", "text"] },
        { "ReviseActionTarget", "{}", ["revisedTarget"] },
        { "NoteActionProgress", "{}", ["on", "text"] },
        { "RecordDecisions", "{}", ["criteria"] },
        { "RecordDecisions", "{\"criteria\":[{}],\"risks\":[{}]}", ["criteria[0].decision", "criteria[0].lsc", "criteria[0].rag", "risks[0].decision", "risks[0].number"] },
        { "AddPostMeetingNote", "{}", ["effect", "text"] }, // a note may give no date
        { "RaiseTagView", "{}", ["criteria"] },
        { "RaiseTagView", "{\"criteria\":[{}],\"risks\":[{}]}", ["criteria[0].commentary", "criteria[0].decision", "criteria[0].lsc", "criteria[0].rag", "risks[0].number", "risks[0].view"] },
        { "RaisePanelDecision", "{}", ["on", "outcome"] },
        { "RaiseMinutesApproved", "{}", ["atMeeting", "on"] },
        { "RequestReports", "{}", ["kinds"] },
        { "RequestReports", "{\"kinds\":null}", ["kinds"] },
        { "IssueLink", "{}", ["expiresAt"] },
        { "IssueLink", "{\"recipient\":\"SEC Panel secretariat\",\"expiresAt\":null}", ["expiresAt"] },
    };

    [Theory]
    [MemberData(nameof(MissingFields))]
    public async Task GivenMissingRequiredFields_WhenSent_ThenOneAnswerListsEveryOne(string endpoint, string body, string[] expected)
    {
        var problem = await RefusedAsync(JsonEndpoint.Named(endpoint), body, HttpStatusCode.BadRequest, expected);
        Assert.Equal(expected, problem.ErrorFields());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task GivenTheWrongContentType_WhenSent_ThenUnsupportedMediaTypeAndNothingRecorded(string name)
    {
        var endpoint = JsonEndpoint.Named(name);
        var body = Encoding.UTF8.GetBytes(endpoint.Tree().ToJsonString());
        foreach (var contentType in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null })
            await RefusedAsync(endpoint, id => cases.As(endpoint.Role).SendRaw(endpoint.HttpMethod, endpoint.Url(id), body, contentType), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task GivenJsonWithCharset_WhenSubmittedToTheRightStage_ThenAccepted()
    {
        // The positive twin of the media-type test: application/json with a charset is fine.
        var caseId = await cases.NewAsync(Stage.MeetingHeld);
        var response = await cases.Secas.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/risks",
            Encoding.UTF8.GetBytes(RawRequests.Tree(Seed002Review.AddedRisks[0]).ToJsonString()), "application/json; charset=utf-8");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
