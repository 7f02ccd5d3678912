using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Reminders;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>
/// Reminders run on the orchestration's durable timers: a due one fires once and the case policy decides what it
/// brings; one not yet due keeps the orchestration waiting on its timer. Review events are recorded through the
/// real case store and told to the orchestration as the HTTP functions do (their endpoints are tested elsewhere).
/// </summary>
public sealed class DurableTimerTests(DurableTimerTests.App fixture) : IClassFixture<DurableTimerTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task GivenAnActionWhoseTargetHasPassed_ThenItsReminderFiresOnce_AndItsStepCompletes()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        var target = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));
        await RecordAsync(caseId, new ActionRaised("A29-01", 1, "Confirm the fix date for the auxiliary load defect.", "DCC", target.AddDays(-30), target));

        // No recipients are configured here: the step completes having sent nothing (ReminderEmailTests send for real).
        await EngineChecks.UntilAsync(async () => (await _app.HistoryAsync(caseId)).Any(e => e.Event is ActivityCompleted), "the reminder step completed");
        var history = await _app.HistoryAsync(caseId);
        Assert.Single(history, e => e.Event is TimerFired { TimerId: "action-A29-01-r0" });
        Assert.Single(history, e => e.Event is ActivityScheduled { Name: CaseReminders.SendStep, Reminder: "action-A29-01-r0" });
        Assert.Equal("0 emails", Assert.Single(history.Select(e => e.Event).OfType<ActivityCompleted>()).Output);
    }

    [Fact]
    public async Task GivenAnActionRevisedToALaterTarget_WhenTheOldTargetHasPassed_ThenItsTimerFiresSilently_AndTheNewOneKeepsTheCaseWaiting()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        var past = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2));
        await RecordAsync(caseId, new ActionRaised("A29-02", 2, "Publish the revised BCDR plan.", "DCC", past.AddDays(-30), past));
        await RecordAsync(caseId, new ActionTargetRevised("A29-02", past.AddYears(1), "Awaiting Core Release 1.1."));

        await EngineChecks.UntilAsync(async () => (await _app.HistoryAsync(caseId)).Any(e => e.Event is TimerFired { TimerId: "action-A29-02-r0" }), "the old target's timer fired");
        var state = await _app.Service<CaseStore>().LoadAsync(caseId, default);
        Assert.DoesNotContain(state.Activities.Values, a => a.Scheduled.Name == CaseReminders.SendStep);
        Assert.Equal(new PlannedTimer("action-A29-02-r1", new DateTimeOffset(past.AddYears(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero)), CaseProcess.Plan(state).NextTimer);
        var instance = await _app.Service<DurableTaskClient>().GetInstanceAsync(caseId);
        Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
    }

    private async Task RecordAsync(string caseId, RecordEvent e)
    {
        var result = await _app.Service<CaseStore>().ExecuteAsync(caseId, new CommandContext(new Actor(Role.Secas, "secas"), DateTimeOffset.UtcNow),
            RecordCommand<CaseState>.Deciding(_ => Decision.Accept(e), _ => new CommandResponse(200, null, "{}")), default);
        Assert.Null(result.Rejection);
        await _app.Service<CaseWorkflow>().RecordedAsync(_app.Service<DurableTaskClient>(), result.State!, result.RecordedFrom!.Value, default);
    }
}
