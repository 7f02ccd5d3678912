using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>
/// HTML and script in every string field of every JSON endpoint, one field at a time: each is refused
/// with a 400 naming that field, and nothing is recorded.
/// </summary>
public sealed class MarkupTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    public static readonly string[] Payloads = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)"];

    /// <summary>String fields that hold a name from a fixed list, a date or a time rather than free text.</summary>
    private static readonly HashSet<string> NotFreeText = new(StringComparer.Ordinal)
    {
        "classification", "proposal", "decision", "rag", "constituency", "effect", "outcome",
        "meetingDate", "reportDueDate", "date", "on", "raisedOn", "targetDate", "revisedTarget", "startTime", "endTime",
        "kinds", "expiresAt",
    };

    /// <summary>
    /// The field a refusal names: the field itself, except that an entry of a list of plain values
    /// (kinds[0]) is named by its list (kinds), as opsgScope is.
    /// </summary>
    private static string NamedField(string field) => System.Text.RegularExpressions.Regex.Replace(field, @"\[\d+\]$", "");

    public static TheoryData<string, string, int> Fields()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var endpoint in JsonEndpoint.All)
            foreach (var field in JsonEndpoint.StringFields(endpoint.Tree()))
                for (var p = 0; p < Payloads.Length; p++)
                    data.Add(endpoint.Name, field, p);
        return data;
    }

    [Fact]
    public void GivenTheEndpointCatalogue_ThenEveryBodyHasFreeTextFieldsToWalk()
    {
        // Guards the data-driven test below against walking nothing.
        foreach (var endpoint in JsonEndpoint.All.Where(e => e.Name is not "OpenReview" and not "RequestReports"))
            Assert.Contains(JsonEndpoint.StringFields(endpoint.Tree()), f => !NotFreeText.Contains(f.Split('.')[^1]));
        Assert.True(Fields().Count() > 150);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public async Task GivenMarkupInOneField_WhenSent_ThenRefusedNamingThatFieldAndNothingRecorded(string endpointName, string field, int payload)
    {
        var endpoint = JsonEndpoint.Named(endpointName);
        var body = endpoint.Tree();
        JsonEndpoint.Set(body, field, Payloads[payload]);
        var client = cases.As(endpoint.Role);

        Task<HttpResponseMessage> Send(string? caseId) => client.SendJson(endpoint.HttpMethod, endpoint.Url(caseId), body);

        System.Text.Json.Nodes.JsonObject problem;
        if (endpoint.Stage is { } stage)
        {
            var caseId = await cases.SharedAsync(stage);
            problem = await cases.RefusedAsync(caseId, () => Send(caseId), HttpStatusCode.BadRequest, NamedField(field));
        }
        else
        {
            var count = await cases.CaseCountAsync();
            problem = await (await Send(null)).ProblemAsync(HttpStatusCode.BadRequest, NamedField(field));
            Assert.Equal(count, await cases.CaseCountAsync());
        }
        if (!NotFreeText.Contains(NamedField(field).Split('.')[^1]))
            Assert.Contains("Markup", problem.ErrorsFor(field), StringComparison.Ordinal);
    }

    /// <summary>A '&lt;' that opens no tag is prose: a comparison is recorded as written, as the refusal's own message promises.</summary>
    [Theory]
    [InlineData("Keep the cost < budget agreed at OPSG_24.")]
    [InlineData("Report when 5 < 7 sites remain.")]
    [InlineData("Volumes <= forecast; no change.")]
    public async Task GivenALessThanThatOpensNoTag_WhenAnActionIsRaised_ThenRecordedAsWritten(string text)
    {
        var caseId = await cases.NewAsync(Stage.MeetingHeld);
        var action = await cases.Secas.PostJson($"/api/cases/{caseId}/actions", new { text, owner = "DCC" }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(text, action.Text("text"));
    }
}
