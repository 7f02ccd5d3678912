using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>If-Match (stale → 412) and Idempotency-Key (same body → same answer once; other body → 422).</summary>
public sealed class HeaderTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private static Dictionary<string, string> Header(string name, string value) => new() { [name] = value };

    private async Task<string> ETagAsync(string caseId)
    {
        var response = await cases.Secas.GetAsync($"/api/cases/{caseId}");
        return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("No ETag on the case.");
    }

    [Fact]
    public async Task GivenAStaleIfMatch_WhenARiskIsAdded_ThenPreconditionFailedAndNothingRecorded()
    {
        var caseId = await cases.NewAsync(Stage.MeetingHeld);
        var stale = await ETagAsync(caseId);
        await cases.Secas.PostJson($"/api/cases/{caseId}/risks", Seed002Review.AddedRisks[0]).ExpectAsync(HttpStatusCode.OK);

        var risk13 = RawRequests.Tree(Seed002Review.AddedRisks[1]);
        await cases.RefusedAsync(caseId, () => cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/risks", risk13, Header("If-Match", stale)),
            HttpStatusCode.PreconditionFailed);

        // The current ETag is accepted, so the refusal was about staleness.
        var current = await ETagAsync(caseId);
        Assert.NotEqual(stale, current);
        var accepted = await cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/risks", risk13, Header("If-Match", current));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.NotEqual(current, accepted.Headers.ETag?.ToString());
    }

    [Theory]
    [InlineData("SubmitReadiness")]
    [InlineData("RecordMeeting")]
    [InlineData("RecordDecisions")]
    [InlineData("RaiseTagView")]
    [InlineData("RequestReports")]
    [InlineData("IssueLink")]
    public async Task GivenAStaleIfMatch_WhenAnyStepIsSent_ThenPreconditionFailed(string name)
    {
        var endpoint = JsonEndpoint.Named(name);
        var caseId = await cases.SharedAsync(endpoint.Stage!.Value);
        var stale = $"\"{long.Parse((await ETagAsync(caseId)).Trim('"'), System.Globalization.CultureInfo.InvariantCulture) - 1}\"";
        await cases.RefusedAsync(caseId, () => cases.As(endpoint.Role).SendJson(endpoint.HttpMethod, endpoint.Url(caseId), endpoint.Tree(), Header("If-Match", stale)),
            HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"-1\"")]
    [InlineData("\"1.5\"")]
    public async Task GivenAnIfMatchThatIsNoETag_WhenSent_ThenBadRequestNamingIfMatch(string ifMatch)
    {
        var caseId = await cases.SharedAsync(Stage.MeetingHeld);
        await cases.RefusedAsync(caseId, () => cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/risks", RawRequests.Tree(Seed002Review.AddedRisks[0]), Header("If-Match", ifMatch)),
            HttpStatusCode.BadRequest, "If-Match");
    }

    [Fact]
    public async Task GivenAnIdempotencyKey_WhenTheSameActionIsRaisedTwice_ThenTheSameAnswerAndOneActionRecorded()
    {
        var caseId = await cases.NewAsync(Stage.MeetingHeld);
        var key = Header("Idempotency-Key", "raise-pacing-" + Guid.NewGuid().ToString("N"));
        var body = RawRequests.Tree(Seed002Review.Actions[0]);
        var before = await cases.SnapshotAsync(caseId);

        var first = await cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/actions", body, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var afterFirst = await cases.SnapshotAsync(caseId);
        var second = await cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/actions", body, key);

        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        await afterFirst.AssertUnchangedAsync();
        Assert.Equal(["ActionRaised"], await before.AddedTypesAsync());
        Assert.Single((await cases.Secas.ReviewAsync(caseId))["actions"]!.AsArray());
    }

    [Fact]
    public async Task GivenAnIdempotencyKeyUsedBefore_WhenSentWithAnotherBody_ThenUnprocessableAndNothingRecorded()
    {
        var caseId = await cases.NewAsync(Stage.MeetingHeld);
        var key = Header("Idempotency-Key", "raise-" + Guid.NewGuid().ToString("N"));
        await cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/actions", RawRequests.Tree(Seed002Review.Actions[0]), key).ExpectAsync(HttpStatusCode.Created);

        await cases.RefusedAsync(caseId, () => cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/actions", RawRequests.Tree(Seed002Review.Actions[1]), key),
            HttpStatusCode.UnprocessableEntity);
        // The same key on another endpoint is another request too.
        await cases.RefusedAsync(caseId, () => cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/risks", RawRequests.Tree(Seed002Review.AddedRisks[0]), key),
            HttpStatusCode.UnprocessableEntity);
        Assert.Single((await cases.Secas.ReviewAsync(caseId))["actions"]!.AsArray());
    }

    [Fact]
    public async Task GivenAnIdempotentSubmission_WhenRepeated_ThenOneSubmissionVersion()
    {
        var caseId = await cases.NewAsync(Stage.Opened);
        var key = Header("Idempotency-Key", "submit-" + Guid.NewGuid().ToString("N"));
        var body = JsonEndpoint.Named("SubmitReadiness").Tree();
        var first = await cases.Dcc.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/submissions", body, key);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await cases.Secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count > 0);
        var settled = await cases.SnapshotAsync(caseId);

        var again = await cases.Dcc.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/submissions", body, key);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        await settled.AssertUnchangedAsync();
        Assert.Equal(1, (await cases.Secas.ReviewAsync(caseId))["submissionVersion"]!.GetValue<int>());
    }
}
