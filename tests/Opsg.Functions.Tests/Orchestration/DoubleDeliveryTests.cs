using System.Net;
using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>At-least-once delivery: every activity message arrives twice, and nothing is recorded or written twice.</summary>
public sealed class DoubleDeliveryTests
{
    private const int Cases = 4;
    private static readonly Dictionary<string, string?> HandDriven = new() { ["TriggerLoop:Enabled"] = "false" };

    [Fact]
    public async Task GivenScheduledRenders_WhenTheHostInvokesTheWorkerTwiceAtOnceForEach_ThenOneReportEventAndOneBlobEach()
    {
        await using var app = await OpsgApp.StartAsync(HandDriven);
        var caseIds = await SubmitCasesAsync(app);
        var host = app.ClientAs(null);

        await Task.WhenAll(caseIds.Select(async caseId =>
        {
            var message = JsonSerializer.Serialize(new ActivityMessage(caseId, await app.ScheduledSequenceAsync(caseId)), EventCatalog.Json);
            var invocation = new { Data = new { message }, Metadata = new { DequeueCount = 1 } };
            var answers = await Task.WhenAll(host.PostJson("/ActivityWorker", invocation), host.PostJson("/ActivityWorker", invocation));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        }));

        foreach (var caseId in caseIds) await app.AssertExactlyOnceAsync(caseId);
    }

    [Fact]
    public async Task GivenACopyOfEveryMessageOnTheQueue_WhenTheTriggerLoopRunsThemAll_ThenOneReportEventAndOneBlobEach()
    {
        var azurite = await Azurite.Shared;
        List<string> caseIds;
        string prefix;
        await using (var producer = new OpsgApp(azurite.ConnectionString, settings: HandDriven))
        {
            prefix = producer.Prefix;
            caseIds = await SubmitCasesAsync(producer);
            var store = producer.Service<CaseStore>();
            foreach (var caseId in caseIds) await store.EnqueueActivityAsync(caseId, await producer.ScheduledSequenceAsync(caseId), default);
            Assert.Equal(2 * Cases, await producer.Service<ActivityQueue>().ApproximateCountAsync(default));
        }

        // A process with the loop on takes them in batches and runs several at once, copies included.
        await using var consumer = new OpsgApp(azurite.ConnectionString, prefix);
        await consumer.UntilSettledAsync(caseIds);
        await EngineChecks.UntilAsync(async () => await consumer.Service<ActivityQueue>().ApproximateCountAsync(default) == 0, "every copy was handled");
        foreach (var caseId in caseIds) await consumer.AssertExactlyOnceAsync(caseId);
    }

    private static async Task<List<string>> SubmitCasesAsync(OpsgApp app)
    {
        await app.Service<StorageAccount>().EnsureCreatedAsync(default);
        var secas = app.ClientAs("Secas");
        var dcc = app.ClientAs("Dcc");
        var caseIds = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var caseId = await secas.OpenCaseAsync();
            Assert.Equal(HttpStatusCode.Accepted, (await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission)).StatusCode);
            caseIds.Add(caseId);
        }
        return caseIds;
    }
}
