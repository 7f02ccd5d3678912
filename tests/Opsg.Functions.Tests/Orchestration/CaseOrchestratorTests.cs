using System.Collections.Concurrent;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>
/// The orchestrator's own logic on Durable Task's in-memory test host, with activities that stand in for the record:
/// fast, and about what the orchestrator decides, not about storage (the integration tests cover that).
/// </summary>
public sealed class CaseOrchestratorTests
{
    private static readonly CaseRun Run = new("case-1", "A case", new StepRetry(3, TimeSpan.FromMilliseconds(10), 1));

    [Fact]
    public async Task GivenASubmissionWithARenderStep_ThenTheStepRunsOnce_AndTheCaseWaitsAtSubmissionReceived()
    {
        var record = new FakeRecord(Plan(1, CaseStage.AwaitingSubmission));
        await using var host = await StartAsync(record);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestrator.Name, Run, new StartOrchestrationOptions(Run.CaseId));
        await host.Client.WaitForInstanceStartAsync(Run.CaseId);

        await host.Client.RaiseEventAsync(Run.CaseId, CaseOrchestrator.RecordChanged, record.Records(Plan(3, CaseStage.SubmissionReceived, new PlannedStep(3, ReportSteps.Render, 0))));
        await Until(() => !record.Ran.IsEmpty);
        var status = await WaitForCustomStatusAsync(host.Client, "SubmissionReceived");

        Assert.Equal([3L], record.Ran);
        Assert.Equal(OrchestrationRuntimeStatus.Running, status.RuntimeStatus);
    }

    [Fact]
    public async Task GivenAnOlderPlanArrivingLate_ThenItIsIgnored_AndNoStepRunsTwice()
    {
        var record = new FakeRecord(Plan(4, CaseStage.SubmissionReceived, new PlannedStep(3, ReportSteps.Render, 0)));
        await using var host = await StartAsync(record);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestrator.Name, Run, new StartOrchestrationOptions(Run.CaseId));
        await Until(() => record.Ran.Count == 1);

        await host.Client.RaiseEventAsync(Run.CaseId, CaseOrchestrator.RecordChanged, Plan(3, CaseStage.SubmissionReceived, new PlannedStep(3, ReportSteps.Render, 0)));
        await host.Client.RaiseEventAsync(Run.CaseId, CaseOrchestrator.RecordChanged, record.Records(Plan(9, CaseStage.MeetingHeld)));
        await WaitForCustomStatusAsync(host.Client, "MeetingHeld");

        Assert.Equal([3L], record.Ran);
    }

    [Fact]
    public async Task GivenAFinishedRecord_ThenTheOrchestrationCompletesWithMinutesFinal()
    {
        var record = new FakeRecord(Plan(1, CaseStage.AwaitingSubmission));
        await using var host = await StartAsync(record);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestrator.Name, Run, new StartOrchestrationOptions(Run.CaseId));
        await host.Client.WaitForInstanceStartAsync(Run.CaseId);

        await host.Client.RaiseEventAsync(Run.CaseId, CaseOrchestrator.RecordChanged, Plan(40, CaseStage.MinutesFinal) with { Finished = true });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(Run.CaseId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("MinutesFinal", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task GivenAStepThatFailsOnEveryAttempt_ThenItIsRetried_TheFailureIsRecorded_AndTheOrchestrationFails()
    {
        var record = new FakeRecord(Plan(3, CaseStage.SubmissionReceived, new PlannedStep(3, ReportSteps.Render, 0))) { Failing = true };
        await using var host = await StartAsync(record);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestrator.Name, Run, new StartOrchestrationOptions(Run.CaseId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var done = await host.Client.WaitForInstanceCompletionAsync(Run.CaseId, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(Run.Retry.Attempts, record.Attempts);
        var failure = Assert.Single(record.Failures);
        Assert.Equal((3L, 0, Run.Retry.Attempts), (failure.Sequence, failure.Run, failure.Attempts));
    }

    [Fact]
    public async Task GivenStorageAnswersNotTheFirstReadOfTheRecord_ThenTheReadIsRetried_AndTheStepRuns()
    {
        var record = new FakeRecord(Plan(3, CaseStage.SubmissionReceived, new PlannedStep(3, ReportSteps.Render, 0))) { UnreadableTimes = 2 };
        await using var host = await StartAsync(record);
        await host.Client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestrator.Name, Run, new StartOrchestrationOptions(Run.CaseId));
        var status = await WaitForCustomStatusAsync(host.Client, "SubmissionReceived");

        Assert.Equal(OrchestrationRuntimeStatus.Running, status.RuntimeStatus);
        Assert.Equal([3L], record.Ran);
        Assert.Equal(3, record.Reads);
    }

    private static CasePlan Plan(long version, CaseStage stage, params PlannedStep[] steps) => new(version, stage, steps, null, false);

    /// <summary>
    /// The in-process host picks a free port and then binds it; a test class starting a server in the same moment can
    /// take it in between. That race is the test host's, not the orchestrator's: try again on a fresh port.
    /// </summary>
    private static async Task<DurableTaskTestHost> StartAsync(FakeRecord record)
    {
        for (var attempt = 1; ; attempt++)
        {
            try { return await StartOnceAsync(record); }
            catch (IOException ex) when (attempt < 5 && ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException) { }
        }
    }

    private static Task<DurableTaskTestHost> StartOnceAsync(FakeRecord record) => DurableTaskTestHost.StartAsync(registry => registry
        .AddOrchestratorFunc<CaseRun, string>(CaseOrchestrator.Name, CaseOrchestrator.Run)
        .AddActivityFunc<string, CasePlan>(nameof(CaseActivities.ReadCasePlan), (_, _) => record.Read())
        .AddActivityFunc<StepInput, CasePlan>(ReportSteps.Render, (_, step) => record.RunStep(step))
        .AddActivityFunc<StepFailure, CasePlan>(nameof(CaseActivities.RecordStepFailure), (_, failure) => record.Fail(failure)));

    private static async Task<OrchestrationMetadata> WaitForCustomStatusAsync(DurableTaskClient client, string stage)
    {
        OrchestrationMetadata? status = null;
        await Until(async () => (status = await client.GetInstanceAsync(Run.CaseId, getInputsAndOutputs: true))?.ReadCustomStatusAs<CaseProgressPublished>()?.Stage == stage);
        return status!;
    }

    private static Task Until(Func<bool> condition) => Until(() => Task.FromResult(condition()));

    private static Task Until(Func<Task<bool>> condition) => EngineChecks.UntilAsync(condition, "the orchestration got there");

    /// <summary>Stands in for the record: what the plan says, which steps ran, which failed. Like the record, each step it runs moves it on a version.</summary>
    private sealed class FakeRecord(CasePlan plan)
    {
        public CasePlan Plan { get; private set; } = plan;

        /// <summary>What a command recorded, as the HTTP functions would raise it.</summary>
        public CasePlan Records(CasePlan plan) => Plan = plan;
        public bool Failing { get; init; }
        public int UnreadableTimes { get; init; }
        public int Attempts;
        public int Reads;

        public CasePlan Read() => Interlocked.Increment(ref Reads) <= UnreadableTimes
            ? throw new TimeoutException("Storage did not answer.")
            : Plan;
        public ConcurrentQueue<long> Ran { get; } = new();
        public ConcurrentQueue<StepFailure> Failures { get; } = new();

        public CasePlan RunStep(StepInput step)
        {
            Interlocked.Increment(ref Attempts);
            if (Failing) throw new InvalidOperationException("The renderer is down.");
            Ran.Enqueue(step.Sequence);
            return Plan = Plan with { Version = Plan.Version + 1, Steps = Plan.Steps.Where(s => s.Sequence != step.Sequence).ToList() };
        }

        public CasePlan Fail(StepFailure failure)
        {
            Failures.Enqueue(failure);
            return Plan;
        }
    }
}
