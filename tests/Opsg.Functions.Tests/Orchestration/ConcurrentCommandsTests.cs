using System.Globalization;
using System.Net;
using Opsg.Functions.Steps;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>Optimistic concurrency on one case's history: racing writers never overwrite, never leave a gap.</summary>
public sealed class ConcurrentCommandsTests(ConcurrentCommandsTests.App fixture) : IClassFixture<ConcurrentCommandsTests.App>
{
    public sealed class App : OpsgAppFixture;

    private const int Racers = 50;
    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task Given50AmendmentsAtOnceWithoutIfMatch_ThenOneWinnerPerVersion_TheRest409_AndAGaplessHistory()
    {
        var caseId = await SubmittedAndSettledCaseAsync();
        var dcc = _app.ClientAs("Dcc");

        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission)));

        var winners = answers.Where(a => a.StatusCode == HttpStatusCode.Accepted).ToList();
        var losers = answers.Where(a => a.StatusCode != HttpStatusCode.Accepted).ToList();
        Assert.NotEmpty(winners);
        Assert.All(losers, l => Assert.Equal(HttpStatusCode.Conflict, l.StatusCode));
        Assert.All(losers, l => Assert.Equal("application/problem+json", l.Content.Headers.ContentType!.MediaType));

        // Each winner wrote its amendment and the render it scheduled at versions nobody else got.
        var versions = winners.Select(w => long.Parse(w.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(versions.Count, versions.Distinct().Count());
        await _app.UntilSettledAsync([caseId]);
        var history = await _app.HistoryAsync(caseId);
        foreach (var version in versions)
        {
            Assert.IsType<ActivityScheduled>(history[(int)version - 1].Event);
            Assert.IsType<ReadinessSubmitted>(history[(int)version - 2].Event);
        }
        Assert.Equal(1 + winners.Count, history.Count(e => e.Event is ReadinessSubmitted));
        await _app.AssertExactlyOnceAsync(caseId);
    }

    [Fact]
    public async Task Given50AmendmentsAtOnceWithTheSameIfMatch_ThenExactlyOneWinner_TheRest412()
    {
        var caseId = await SubmittedAndSettledCaseAsync();
        var etag = (await _app.ClientAs("Secas").GetAsync($"/api/cases/{caseId}")).Headers.ETag!.Tag;
        var dcc = _app.ClientAs("Dcc");

        var answers = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/submissions") { Content = JsonContent(Seed002.Submission) };
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            return dcc.SendAsync(request);
        }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        var losers = answers.Where(a => a.StatusCode != HttpStatusCode.Accepted).ToList();
        Assert.All(losers, l => Assert.Equal(HttpStatusCode.PreconditionFailed, l.StatusCode));
        Assert.All(losers, l => Assert.Equal("application/problem+json", l.Content.Headers.ContentType!.MediaType));
        await _app.UntilSettledAsync([caseId]);
        Assert.Equal(2, (await _app.HistoryAsync(caseId)).Count(e => e.Event is ReadinessSubmitted));
        await _app.AssertExactlyOnceAsync(caseId);
    }

    private async Task<string> SubmittedAndSettledCaseAsync()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await _app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission)).StatusCode);
        await _app.UntilSettledAsync([caseId]);
        return caseId;
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, Fixtures.Http.Json), System.Text.Encoding.UTF8, "application/json");
}
