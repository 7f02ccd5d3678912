using System.Net;
using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reports;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>The outbox: an activity recorded as scheduled whose queue message never got sent is found by the sweep.</summary>
public sealed class OutboxRecoveryTests
{
    // No trigger loop in either process: each step below is one the test takes by hand, so it is the one that did it.
    private static readonly Dictionary<string, string?> HandDriven = new() { ["TriggerLoop:Enabled"] = "false" };

    [Fact]
    public async Task GivenACrashBetweenAppendAndEnqueue_WhenTheSweepRuns_ThenItEnqueuesTheActivityAndTheReportIsRendered()
    {
        var azurite = await Azurite.Shared;
        string caseId, prefix;
        await using (var crashing = new OpsgApp(azurite.ConnectionString, settings: HandDriven))
        {
            prefix = crashing.Prefix;
            await crashing.Service<StorageAccount>().EnsureCreatedAsync(default);
            caseId = await crashing.ClientAs("Secas").OpenCaseAsync();
            crashing.Service<FaultInjection>().Arm(FaultPoint.AfterAppendBeforeEnqueue);
            var submitted = await crashing.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
            Assert.Equal(HttpStatusCode.InternalServerError, submitted.StatusCode);
        }

        await using var restarted = new OpsgApp(azurite.ConnectionString, prefix, HandDriven);
        var queue = restarted.Service<ActivityQueue>();
        Assert.Equal(0, await queue.ApproximateCountAsync(default)); // the message was lost with the process
        var scheduled = await restarted.ScheduledSequenceAsync(caseId);

        // The sweep waits out a grace period first (the message might still be on its way), then re-enqueues.
        await EngineChecks.UntilAsync(async () =>
        {
            var sweep = await restarted.Service<EngineSweep>().RunAsync(default);
            return sweep.ActivitiesRequeued == 1;
        }, "the sweep re-enqueued the lost activity");
        Assert.Equal(1, await queue.ApproximateCountAsync(default));

        var message = Assert.Single(await queue.ReceiveAsync(16, TimeSpan.FromSeconds(30), default));
        var parsed = JsonSerializer.Deserialize<ActivityMessage>(message.Body, EventCatalog.Json)!;
        Assert.Equal(new ActivityMessage(caseId, scheduled), parsed);
        var invocation = new { Data = new { message = message.Body }, Metadata = new { DequeueCount = message.DequeueCount } };
        var handled = await restarted.ClientAs(null).PostJson("/ActivityWorker", invocation);
        Assert.Equal(HttpStatusCode.OK, handled.StatusCode);

        var history = await restarted.HistoryAsync(caseId);
        Assert.Equal(scheduled, history.Select(e => e.Event).OfType<ReportRendered>().Single().Scheduled);
        await restarted.AssertExactlyOnceAsync(caseId);
    }
}
