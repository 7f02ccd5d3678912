using System.Diagnostics;
using System.Net;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;

namespace Opsg.Functions.Tests.Faults;

/// <summary>
/// Azurite stopped, or frozen (SIGSTOP), for ten seconds under the local host running as its own process: clear 503
/// problem details with Retry-After meanwhile, nothing accepted before is lost, and health and the workflow recover.
/// </summary>
public sealed class StorageOutageProcessTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public Task GivenAzuriteStoppedForTenSeconds_ThenClear503sMeanwhile_NothingAcceptedIsLost_AndTheWorkflowRecovers() =>
        RunAsync(azurite => azurite.StopAsync(), azurite => azurite.RestartAsync());

    [Fact]
    public Task GivenAzuriteFrozenForTenSeconds_ThenClear503sMeanwhile_NothingAcceptedIsLost_AndTheWorkflowRecovers() =>
        RunAsync(azurite => azurite.FreezeAsync(), azurite => azurite.ThawAsync());

    private static async Task RunAsync(Func<Azurite, Task> breakStorage, Func<Azurite, Task> mendStorage)
    {
        await using var azurite = await Azurite.StartOnDiskAsync();
        var prefix = "o" + Guid.NewGuid().ToString("N")[..12];
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix);
        var secas = host.As("Secas");
        var caseId = await secas.OpenCaseAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await host.As("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission)).StatusCode);
        await secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count == 1);

        await breakStorage(azurite);
        var outage = Stopwatch.StartNew();
        var answers = 0;
        while (outage.Elapsed < Outage)
        {
            foreach (var response in new[]
            {
                await secas.GetAsync($"/api/cases/{caseId}/review"),
                await secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview),
            })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(response.Headers.RetryAfter);
                answers++;
            }
        }
        await mendStorage(azurite);
        Assert.True(answers >= 2, "no request was answered during the outage");

        await host.WaitHealthyAsync();
        await using var storage = StorageOnly.For(azurite.ConnectionString, prefix);
        Assert.Single(await storage.HistoryAsync(caseId), e => e.Event is ReadinessSubmitted);
        Assert.DoesNotContain(await storage.HistoryAsync(caseId), e => e.Event is Functions.Review.ReviewOpened);

        // The workflow picks up again: a document asked for after the outage is rendered.
        await EngineChecks.UntilAsync(async () => (await secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview)).StatusCode == HttpStatusCode.OK, "the review opens after the outage", 60);
        await secas.PutJson($"/api/cases/{caseId}/meeting", Seed002Review.Meeting).ExpectAsync(HttpStatusCode.OK);
        await secas.PostJson($"/api/cases/{caseId}/reports", new { kinds = new[] { "draft-minutes" } }).ExpectAsync(HttpStatusCode.Accepted);
        await secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count == 2, seconds: 60);
        await storage.AssertExactlyOnceAsync(caseId);
    }
}
