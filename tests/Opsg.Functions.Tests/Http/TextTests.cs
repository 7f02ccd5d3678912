using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>Text limits and Unicode: real names pass intact; invisible and broken characters do not.</summary>
public sealed class TextTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    public static TheoryData<string, string, int> Limits() => new()
    {
        { "StartCase", "title", 300 },
        { "StartCase", "meetingId", 40 },
        { "SubmitReadiness", "subject.capability", 300 },
        { "SubmitReadiness", "criteria[0].statement", 20_000 },
        { "SubmitReadiness", "risks[0].explanation", 20_000 },
        { "RecordMeeting", "venue", 300 },
        { "RecordMeeting", "attendees[0].name", 300 },
        { "RecordMeeting", "attendees[12].organisation", 300 },
        { "AddRisk", "title", 300 },
        { "AddRisk", "raisedBy", 100 },
        { "RaiseAction", "owner", 100 },
        { "RaiseAction", "text", 20_000 },
        { "ReviseActionTarget", "reason", 20_000 },
        { "RecordDecisions", "criteria[3].ragNote", 300 },
        { "RecordDecisions", "criteria[1].discussion", 20_000 },
        { "RecordDecisions", "risks[6].actionId", 40 },
        { "AddPostMeetingNote", "text", 20_000 },
        { "RaiseTagView", "criteria[0].commentary", 20_000 },
        { "RaisePanelDecision", "note", 20_000 },
        { "RaiseMinutesApproved", "atMeeting", 40 },
        { "IssueLink", "recipient", 300 },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public async Task GivenTextOverItsLimit_WhenSent_ThenBadRequestNamingTheFieldAndNothingRecorded(string name, string field, int limit)
    {
        var endpoint = JsonEndpoint.Named(name);
        var body = endpoint.Tree();
        JsonEndpoint.Set(body, field, new string('x', limit + 1));
        var client = cases.As(endpoint.Role);
        JsonObject problem;
        if (endpoint.Stage is { } stage)
        {
            var caseId = await cases.SharedAsync(stage);
            problem = await cases.RefusedAsync(caseId, () => client.SendJson(endpoint.HttpMethod, endpoint.Url(caseId), body), HttpStatusCode.BadRequest, field);
        }
        else
        {
            var count = await cases.CaseCountAsync();
            problem = await (await client.SendJson(endpoint.HttpMethod, endpoint.Url(null), body)).ProblemAsync(HttpStatusCode.BadRequest, field);
            Assert.Equal(count, await cases.CaseCountAsync());
        }
        Assert.Contains($"At most {limit} characters.", problem.ErrorsFor(field), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTextExactlyAtItsLimit_WhenSubmitted_ThenAcceptedAndStoredWhole()
    {
        var caseId = await cases.NewAsync(Stage.Opened);
        var body = JsonEndpoint.Named("SubmitReadiness").Tree();
        var capability = new string('c', 300);
        var statement = string.Concat(Enumerable.Repeat("The DCC is ready.\n", 1111)) + "ok"; // 20,000 characters
        Assert.Equal(20_000, statement.Length);
        JsonEndpoint.Set(body, "subject.capability", capability);
        JsonEndpoint.Set(body, "criteria[0].statement", statement);

        await cases.Dcc.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/submissions", body).ExpectAsync(HttpStatusCode.Accepted);

        var review = await cases.Secas.ReviewAsync(caseId);
        Assert.Equal(capability, review.Text("subject.capability"));
        Assert.Equal(statement, review.Criterion(1).Text("statement"));
    }

    public static TheoryData<string> Names() => new()
    {
        "Siân Llŷr-Ffion",
        "Gwenllïan ap Dafydd",
        "Zoë Brontë-Núñez",
        "Łukasz Żółć",
        "Dafydd 🏴󠁧󠁢󠁷󠁬󠁳󠁿 Ellis",
        "Anaïs 👩🏽‍💻 Dubois",
        "Ōsaka 大阪 office",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task GivenANameWithAccentsWelshOrEmoji_WhenTheMeetingIsRecorded_ThenItIsReadBackIntact(string name)
    {
        var caseId = await cases.NewAsync(Stage.ReviewOpened);
        var body = JsonEndpoint.Named("RecordMeeting").Tree();
        JsonEndpoint.Set(body, "attendees[0].name", name);
        JsonEndpoint.Set(body, "venue", name + " Hall");

        await cases.Secas.SendJson(HttpMethod.Put, $"/api/cases/{caseId}/meeting", body).ExpectAsync(HttpStatusCode.OK);

        var meeting = (await cases.Secas.ReviewAsync(caseId))["meeting"]!;
        Assert.Equal(name, meeting["attendees"]![0]!.Text("name"));
        Assert.Equal(name + " Hall", meeting.Text("venue"));
    }

    [Fact]
    public async Task GivenATitleWithWelshAndEmoji_WhenACaseIsOpened_ThenItsStatusShowsItIntact()
    {
        const string title = "Adolygiad parodrwydd: Siân & Llŷr ✅ 🚀";
        var caseId = await cases.Secas.OpenCaseAsync(new { title, classification = "notForPublication", meetingId = "OPSG_30", meetingDate = "2020-03-24" });
        var status = await cases.Secas.WaitForAsync(caseId, _ => true);
        Assert.Equal(title, status.Text("input.title"));
    }

    /// <summary>JSON escapes as sent on the wire, so a lone surrogate reaches the server as written.</summary>
    public static TheoryData<string, string> RefusedCharacters() => new()
    {
        { "NUL", "\\u0000" },
        { "bell", "\\u0007" },
        { "escape", "\\u001b[31m" },
        { "delete", "\\u007f" },
        { "C1 control", "\\u0085" },
        { "right-to-left override", "\\u202e" },
        { "left-to-right embedding", "\\u202a" },
        { "right-to-left isolate", "\\u2067" },
        { "right-to-left mark", "\\u200f" },
        { "lone high surrogate", "\\ud800" },
        { "lone low surrogate", "\\udc00" },
        { "reversed pair", "\\ude00\\ud83d" },
    };

    [Theory]
    [MemberData(nameof(RefusedCharacters))]
    public async Task GivenAnInvisibleOrBrokenCharacterInAName_WhenTheMeetingIsRecorded_ThenBadRequestNamingIt(string what, string escaped)
    {
        Assert.NotEmpty(what);
        var caseId = await cases.SharedAsync(Stage.ReviewOpened);
        var body = JsonEndpoint.Named("RecordMeeting").Tree();
        JsonEndpoint.Set(body, "attendees[1].name", "Gemma MARKER Slaney");
        var json = body.ToJsonString().Replace("MARKER", escaped, StringComparison.Ordinal);

        await cases.RefusedAsync(caseId, () => cases.Secas.SendRaw(HttpMethod.Put, $"/api/cases/{caseId}/meeting", json), HttpStatusCode.BadRequest, "attendees[1].name");
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("\n")]
    [InlineData("\t")]
    public async Task GivenARawControlCharacterInAJsonString_WhenSent_ThenBadRequestNamingTheField(string raw)
    {
        // JSON itself forbids unescaped control characters inside strings.
        var caseId = await cases.SharedAsync(Stage.ReviewOpened);
        var json = JsonEndpoint.Named("RecordMeeting").Tree().ToJsonString().Replace("Gemma Slaney", $"Gemma{raw}Slaney", StringComparison.Ordinal);
        var problem = await cases.RefusedAsync(caseId, () => cases.Secas.SendRaw(HttpMethod.Put, $"/api/cases/{caseId}/meeting", json), HttpStatusCode.BadRequest);
        Assert.Single(problem.ErrorFields());
    }

    [Fact]
    public async Task GivenAStatementWithNewlinesAndTabs_WhenSubmitted_ThenAccepted()
    {
        // Line breaks and tabs are ordinary in long text; they are not control characters to refuse.
        var caseId = await cases.NewAsync(Stage.Opened);
        var body = JsonEndpoint.Named("SubmitReadiness").Tree();
        JsonEndpoint.Set(body, "criteria[0].statement", "Built.\n\tTested.\r\nDeployed.");
        await cases.Dcc.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/submissions", body).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("Built.\n\tTested.\r\nDeployed.", (await cases.Secas.ReviewAsync(caseId)).Criterion(1).Text("statement"));
    }
}
