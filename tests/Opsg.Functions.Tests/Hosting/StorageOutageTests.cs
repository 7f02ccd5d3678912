using System.Diagnostics;
using System.Net;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;
using Xunit.Abstractions;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>Storage going away or hanging mid-run: the caller gets a quick 503 problem with Retry-After and nothing is half-written.</summary>
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async Task InitializeAsync() => _azurite = await Azurite.StartOnDiskAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task GivenAnOpenCase_WhenStorageIsDownDuringASubmission_Then503AndTheHistoryIsUnchanged()
    {
        await using var app = new OpsgApp(_azurite.ConnectionString, settings: OpsgApp.ProductionStorageBudget);
        var secas = app.ClientAs("Secas");
        await secas.WaitForHealthyAsync();
        var caseId = await secas.OpenCaseAsync();
        var before = await app.Service<HistoryTable>().ReadAsync(caseId, default);

        await _azurite.StopAsync();
        var refused = await app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, await refused.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);

        await _azurite.RestartAsync();
        await secas.WaitForHealthyAsync();
        var after = await app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(before.Events.Select(e => (e.Sequence, e.Type, e.Payload)), after.Events.Select(e => (e.Sequence, e.Type, e.Payload)));
        Assert.Equal(before.Header!.Version, after.Header!.Version);

        // And the same request succeeds once storage is back: the refusal left nothing in the way.
        var accepted = await app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    [Fact]
    public async Task GivenAnAcceptedSubmission_WhenAzuriteIsFrozen_ThenRequestsGet503WithRetryAfterWithinSeconds_AndAfterTheThawNothingIsLost()
    {
        await using var app = new OpsgApp(_azurite.ConnectionString, settings: OpsgApp.ProductionStorageBudget);
        var secas = app.ClientAs("Secas");
        var dcc = app.ClientAs("Dcc");
        await secas.WaitForHealthyAsync();
        var caseId = await secas.OpenCaseAsync();
        var submitted = await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var accepted = await app.Service<HistoryTable>().ReadAsync(caseId, default);

        await _azurite.FreezeAsync();
        try
        {
            // A read, a command and the health check: each answers 503 while storage hangs, long before 10 s.
            foreach (var send in new Func<Task<HttpResponseMessage>>[]
            {
                () => secas.GetAsync($"/api/cases/{caseId}"),
                () => secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview),
                () => secas.GetAsync("/api/health"),
            })
            {
                var watch = Stopwatch.StartNew();
                var refused = await send();
                watch.Stop();
                output.WriteLine($"{refused.RequestMessage!.Method} {refused.RequestMessage.RequestUri!.AbsolutePath}: {(int)refused.StatusCode} after {watch.Elapsed.TotalSeconds:0.00} s");
                Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode}: {await refused.Content.ReadAsStringAsync()}");
                Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
                // Not a speed test (docs/PERFORMANCE.md has the figures): only "before the 10 s a hung call took to fail".
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{refused.RequestMessage!.RequestUri} took {watch.Elapsed.TotalSeconds:0.0} s to answer 503.");
                if (refused.RequestMessage!.RequestUri!.AbsolutePath != "/api/health")
                    Assert.True(refused.Headers.RetryAfter is not null, "A 503 without Retry-After.");
            }
        }
        finally
        {
            await _azurite.ThawAsync();
        }

        await secas.WaitForHealthyAsync();
        var after = await app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(accepted.Events.Select(e => (e.Sequence, e.Type, e.Payload)), after.Events.Select(e => (e.Sequence, e.Type, e.Payload)).Take(accepted.Events.Count));
        Assert.Contains(after.Events, e => e.Type == "ReadinessSubmitted");
        Assert.DoesNotContain(after.Events, e => e.Type == "ReviewOpened"); // the refused command left nothing behind
        var status = await secas.GetAsync($"/api/cases/{caseId}");
        Assert.True(status.IsSuccessStatusCode, $"{(int)status.StatusCode} after the thaw.");
        var review = await secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
    }
}
