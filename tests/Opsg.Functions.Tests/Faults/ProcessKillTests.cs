using System.Net;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;

namespace Opsg.Functions.Tests.Faults;

/// <summary>
/// The local host killed with SIGKILL mid-flight, then another started on the same storage and task hub: every
/// command it acknowledged and every report it was asked for is there, exactly once.
/// </summary>
public sealed class ProcessKillTests
{
    private const int Cases = 4;

    [Fact]
    public async Task GivenRendersInFlight_WhenTheHostIsKilledAndAnotherStarts_ThenEveryReportIsThereExactlyOnce()
    {
        var azurite = await Azurite.Shared;
        var prefix = "k" + Guid.NewGuid().ToString("N")[..12];
        var caseIds = new List<string>();
        await using (var first = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix))
        {
            for (var i = 0; i < Cases; i++) caseIds.Add(await first.As("Secas").OpenCaseAsync());
            foreach (var caseId in caseIds)
                Assert.Equal(HttpStatusCode.Accepted, (await first.As("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission)).StatusCode);
            first.Kill(); // the readiness packs are being rendered, or about to be
        }

        await using var second = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix);
        await using var storage = StorageOnly.For(azurite.ConnectionString, prefix);
        await storage.UntilSettledAsync(caseIds, seconds: 90);
        foreach (var caseId in caseIds) await storage.AssertExactlyOnceAsync(caseId);
    }

    [Fact]
    public async Task GivenAHostThatDiesBetweenRecordingAndTellingTheOrchestration_WhenAnotherStarts_ThenTheSubmissionIsThereOnce_AndItsPackIsRendered()
    {
        var azurite = await Azurite.Shared;
        var prefix = "r" + Guid.NewGuid().ToString("N")[..12];
        string caseId;
        await using (var healthy = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix))
            caseId = await healthy.As("Secas").OpenCaseAsync();

        await using (var dying = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix,
            new Dictionary<string, string> { ["Workflow__DieAfterRecordingForFaultTests"] = "true" }))
        {
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => dying.As("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission));
            await EngineChecks.UntilAsync(() => Task.FromResult(dying.HasExited), "the host died");
        }

        await using var storage = StorageOnly.For(azurite.ConnectionString, prefix);
        Assert.Contains(await storage.HistoryAsync(caseId), e => e.Event is ReadinessSubmitted);
        await using var restarted = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix);
        await storage.UntilSettledAsync([caseId], seconds: 90);
        await storage.AssertExactlyOnceAsync(caseId);
        Assert.Single(await storage.HistoryAsync(caseId), e => e.Event is ReadinessSubmitted);
    }

    /// <summary>
    /// With host.json's queue settings as deployed (not the tests' quicker ones): a host that dies as the render starts
    /// leaves its Durable message taken and invisible for its visibility timeout; the next host must still finish that
    /// work within a minute of starting (#24: it took five). The first host dies at the step itself, not after a
    /// guessed delay, so the render is always caught in flight (a delay let a quick render finish first).
    /// </summary>
    [Fact]
    public async Task GivenTheDeployedQueueSettings_WhenTheHostDiesMidRender_ThenTheRestartedHostFinishesWithinAMinute()
    {
        var azurite = await Azurite.Shared;
        var prefix = "d" + Guid.NewGuid().ToString("N")[..12];
        string caseId;
        await using (var dying = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix, asDeployed: true,
            settings: new Dictionary<string, string> { ["Workflow__DieAsAStepStartsForFaultTests"] = "true" }))
        {
            caseId = await dying.As("Secas").OpenCaseAsync(); // opening schedules no step: the host lives on
            Assert.Equal(HttpStatusCode.Accepted, (await dying.As("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission)).StatusCode);
            await EngineChecks.UntilAsync(() => Task.FromResult(dying.HasExited), "the host died as the render started");
        }
        await using var storage = StorageOnly.For(azurite.ConnectionString, prefix);
        var history = await storage.HistoryAsync(caseId);
        Assert.Contains(history, e => e.Event is ActivityScheduled { Name: ReportSteps.Render });
        Assert.DoesNotContain(history, e => e.Event is ReportRendered);

        var restarted = DateTime.UtcNow;
        await using var second = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix, asDeployed: true);
        await storage.UntilSettledAsync([caseId], seconds: Math.Max(1, 60 - (int)(DateTime.UtcNow - restarted).TotalSeconds));
        await storage.AssertExactlyOnceAsync(caseId);
    }
}
