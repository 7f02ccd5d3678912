using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using Opsg.Functions.Cases;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>
/// What a process that died between "recorded" and "told the orchestration" leaves behind, healed by the repair
/// timer without a person: the test records through the case store alone, exactly as such a crash would leave it.
/// </summary>
public sealed class RecordRepairTests(RecordRepairTests.App fixture) : IClassFixture<RecordRepairTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task GivenACaseOpenedButItsOrchestrationNeverStarted_ThenTheRepairStartsIt()
    {
        var caseId = "repair" + Guid.NewGuid().ToString("N")[..20];
        await AppendOnlyAsync(caseId, new CaseOpened("Withdrawn cohort", Classification.NotForPublication, Seed002.MeetingId, null));

        await EngineChecks.UntilAsync(async () => await Client.GetInstanceAsync(caseId) is { RuntimeStatus: OrchestrationRuntimeStatus.Running }, "the orchestration started");
    }

    [Fact]
    public async Task GivenASubmissionRecordedButNeverRaised_ThenTheRepairRaisesIt_AndThePackIsRenderedOnce()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        var request = JsonSerializer.Deserialize<SubmissionRequest>(JsonSerializer.Serialize(Seed002.Submission, Fixtures.Http.Json), Fixtures.Http.Json)!;
        var (submitted, _) = SubmitReadiness.Validate(request);
        await AppendOnlyAsync(caseId, submitted!);

        await _app.UntilSettledAsync([caseId], seconds: 60);
        var rendered = Assert.Single((await _app.HistoryAsync(caseId)).Select(e => e.Event).OfType<ReportRendered>());
        Assert.Equal(ReportKinds.ReadinessPack, rendered.Kind);
        await _app.AssertExactlyOnceAsync(caseId);
    }

    [Fact]
    public async Task GivenACaseTerminatedInTheRecordOnly_ThenTheRepairTerminatesItsOrchestration()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        await EngineChecks.UntilAsync(async () => await Client.GetInstanceAsync(caseId) is { RuntimeStatus: OrchestrationRuntimeStatus.Running }, "the orchestration runs");
        await AppendOnlyAsync(caseId, new CaseTerminated("Withdrawn by the DCC"));

        await EngineChecks.UntilAsync(async () => await Client.GetInstanceAsync(caseId) is { RuntimeStatus: OrchestrationRuntimeStatus.Terminated }, "the orchestration was terminated");
    }

    [Fact]
    public async Task GivenAnOrchestrationThatFailedWithNoFailedStepInTheRecord_ThenTheRepairStartsItAgainFromTheRecord()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        await EngineChecks.UntilAsync(async () => await Client.GetInstanceAsync(caseId) is { RuntimeStatus: OrchestrationRuntimeStatus.Running }, "the orchestration runs");
        // What storage out of reach for longer than every retry leaves: an orchestration failed outside any step. Here
        // it is made to fail at once, by an instance of the same id with no input.
        await Client.TerminateInstanceAsync(caseId);
        await Client.WaitForInstanceCompletionAsync(caseId);
        await Client.PurgeInstanceAsync(caseId);
        await Client.ScheduleNewOrchestrationInstanceAsync(Functions.Orchestration.CaseOrchestrator.Name, new StartOrchestrationOptions(caseId));
        // On a loaded CI machine the engine has taken more than 30 s to run a new instance's first turn (once); a minute
        // is the deadline, and a miss says where the instance stood.
        await EngineChecks.UntilAsync(async () => await Client.GetInstanceAsync(caseId) is { RuntimeStatus: OrchestrationRuntimeStatus.Failed }, "the orchestration failed",
            seconds: 60, detail: () => InstanceStatusAsync(caseId));

        await EngineChecks.UntilAsync(async () => await Client.GetInstanceAsync(caseId) is { RuntimeStatus: OrchestrationRuntimeStatus.Running }, "the orchestration runs again",
            seconds: 60, detail: () => InstanceStatusAsync(caseId));
    }

    [Fact]
    public async Task GivenAMeetingWhoseMinutesWereAskedForButNeverRaised_ThenTheRepairStartsItsOrchestration_AndTheMinutesRender()
    {
        var meetingId = "OPSG_r" + Guid.NewGuid().ToString("N")[..10];
        var store = _app.Service<MeetingStore>();
        foreach (var e in new RecordEvent[]
        {
            new MeetingScheduled(meetingId, MeetingKind.Extraordinary, new DateOnly(2020, 2, 28), "12:30", "14:30", null, true, Classification.NotForPublication, null),
            new AgendaItemAdded(1, "Readiness of the MDS DMC", null, [], null),
            new MinutesRequested(),
        })
        {
            var result = await store.ExecuteAsync(meetingId, new CommandContext(new Actor(Role.Secas, "secas"), DateTimeOffset.UtcNow),
                RecordCommand<MeetingState>.Deciding(_ => Decision.Accept(e), _ => new CommandResponse(200, null, "{}")), default);
            Assert.Null(result.Rejection);
        }

        await EngineChecks.UntilAsync(async () => (await store.LoadAsync(meetingId, default)).Minutes.Count == 1, "the minutes rendered", seconds: 60);
        Assert.NotNull(await Client.GetInstanceAsync(meetingId));
    }

    private DurableTaskClient Client => _app.Service<DurableTaskClient>();

    private async Task<string> InstanceStatusAsync(string instanceId) =>
        await Client.GetInstanceAsync(instanceId) is { } instance
            ? $"the instance is {instance.RuntimeStatus}, created {instance.CreatedAt:HH:mm:ss.fff}, last updated {instance.LastUpdatedAt:HH:mm:ss.fff}"
            : "there is no instance";

    private async Task AppendOnlyAsync(string caseId, RecordEvent e)
    {
        var result = await _app.Service<CaseStore>().ExecuteAsync(caseId, new CommandContext(new Actor(Role.Secas, "secas"), DateTimeOffset.UtcNow),
            RecordCommand<CaseState>.Deciding(_ => Decision.Accept(e), _ => new CommandResponse(200, null, "{}")), default);
        Assert.Null(result.Rejection);
    }
}
