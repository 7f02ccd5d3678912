using System.Net;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reports;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>
/// The process dies at each step boundary of the engine, then a fresh process starts on the same
/// storage: every case finishes, and no event or report is lost or written twice.
/// </summary>
public sealed class StepBoundaryCrashTests
{
    private const int Cases = 4;

    // The first process never rescues its own work, so whatever finishes was finished by the restart.
    private static readonly Dictionary<string, string?> NoOutboxRescue = new() { ["Engine:OutboxGrace"] = "00:10:00" };

    [Theory]
    [InlineData(FaultPoint.AfterAppendBeforeEnqueue)]
    [InlineData(FaultPoint.ActivityStarted)]
    [InlineData(FaultPoint.ActivityOutputWritten)]
    public async Task GivenCasesInFlight_WhenTheProcessDiesAtAStepBoundaryAndRestarts_ThenEveryCaseFinishesExactlyOnce(FaultPoint point)
    {
        var azurite = await Azurite.Shared;
        var caseIds = new List<string>();
        string prefix;
        await using (var crashing = new OpsgApp(azurite.ConnectionString, settings: NoOutboxRescue))
        {
            prefix = crashing.Prefix;
            var secas = crashing.ClientAs("Secas");
            var dcc = crashing.ClientAs("Dcc");
            await secas.WaitForHealthyAsync();
            for (var i = 0; i < Cases; i++) caseIds.Add(await secas.OpenCaseAsync());

            var faults = crashing.Service<FaultInjection>();
            faults.Arm(point);
            foreach (var caseId in caseIds)
            {
                var submitted = await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
                // Dying after the append means the caller never heard back, though the submission is recorded.
                var expected = point == FaultPoint.AfterAppendBeforeEnqueue ? HttpStatusCode.InternalServerError : HttpStatusCode.Accepted;
                Assert.Equal(expected, submitted.StatusCode);
            }
            await EngineChecks.UntilAsync(() => Task.FromResult(faults.Hits(point) >= Cases), $"{Cases} crashes at {point}");
            if (point == FaultPoint.ActivityOutputWritten)
            {
                // Hits may count one message's redelivery twice; wait until every case's output is really there.
                var blobs = crashing.Service<BlobStore>();
                await EngineChecks.UntilAsync(async () =>
                {
                    foreach (var caseId in caseIds)
                        if (!await blobs.ExistsAsync(BlobArea.Reports, ReportBlobs.Name(caseId, ReportKinds.ReadinessPack, 1), default)) return false;
                    return true;
                }, "every case's report written before the crash");
            }

            // The process is as good as dead (every path to a completion is armed): each case is left unfinished.
            foreach (var caseId in caseIds)
            {
                var history = await crashing.HistoryAsync(caseId);
                Assert.Contains(history, e => e.Event is ActivityScheduled);
                Assert.DoesNotContain(history, e => e.Event is ReportRendered);
            }
        }

        await using var restarted = new OpsgApp(azurite.ConnectionString, prefix);
        await restarted.ClientAs("Secas").WaitForHealthyAsync();
        await restarted.UntilSettledAsync(caseIds);
        // Let leftover and re-enqueued copies of the messages run out before judging.
        await EngineChecks.UntilAsync(async () => await restarted.Service<ActivityQueue>().ApproximateCountAsync(default) == 0, "the activity queue drained");
        foreach (var caseId in caseIds) await restarted.AssertExactlyOnceAsync(caseId);
    }
}
