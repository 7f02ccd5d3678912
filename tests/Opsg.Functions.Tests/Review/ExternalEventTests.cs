using System.Net;
using System.Net.Http.Json;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Review;

/// <summary>Events from outside the meeting (TAG, Panel, minutes) over HTTP: kept when early, applied once, never twice.</summary>
public sealed class ExternalEventTests(ExternalEventTests.App fixture) : IClassFixture<ExternalEventTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task GivenNoSubmission_WhenTheTagViewIsRaisedTwiceWithOneKey_ThenItIsKeptOnceAndAppliedWhenTheDccSubmits()
    {
        var secas = _app.ClientAs("Secas");
        var caseId = await secas.OpenCaseAsync();
        var tag = _app.ClientAs("Tag");

        async Task<HttpResponseMessage> RaiseAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/raiseEvent/TagView") { Content = JsonContent.Create(Seed002Review.TagView, options: Fixtures.Http.Json) };
            request.Headers.Add("Idempotency-Key", "tag-view-2020-02-27");
            return await tag.SendAsync(request);
        }

        var first = await RaiseAsync();
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var second = await RaiseAsync();
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());

        var status = await secas.WaitForAsync(caseId, _ => true);
        Assert.Equal("TagView", Assert.Single(status["pendingEvents"]!.AsArray())!.Text("name"));
        var history = await _app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Single(history.Events, e => e.Type == "ExternalEventRaised");

        await _app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Accepted);

        status = await secas.WaitForAsync(caseId, _ => true);
        Assert.Empty(status["pendingEvents"]!.AsArray());
        var review = await secas.ReviewAsync(caseId);
        Assert.Equal("amber", review.Criterion(5).Text("tag.rag"));
        history = await _app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(["ExternalEventRaised", "ReadinessSubmitted", "ExternalEventDelivered", "TagViewRecorded"],
            history.Events.Select(e => e.Type).Where(t => t is "ExternalEventRaised" or "ReadinessSubmitted" or "ExternalEventDelivered" or "TagViewRecorded"));
    }

    [Fact]
    public async Task GivenTheOpsgMemberRole_WhenItRaisesThePanelDecision_ThenForbidden()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        var response = await _app.ClientAs("OpsgMember").PostJson($"/api/cases/{caseId}/raiseEvent/PanelDecision", Seed002Review.PanelDecision);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task GivenAnUnknownEventName_ThenNotFoundProblem()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        var response = await _app.ClientAs("Secas").PostJson($"/api/cases/{caseId}/raiseEvent/Whatever", new { });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
