using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// One orchestration per case (instance id = case id): the governance timeline as the record drives it. What happens
/// next is <see cref="CaseProcess"/>'s to decide, recorded with the event that caused it; this runs it. From the DCC's
/// submission to the final minutes, every step the process schedules is one of <see cref="CaseActivities"/>: the
/// readiness pack when the DCC submits, the minutes, the Panel report and the actions register as SECAS asks or as
/// post-meeting notes change them, the Panel's links by email, the reminders when their durable timers fall due.
/// Between steps it waits for the record to change (every command raises "record changed") or for the next timer.
/// It completes when the process says the case is finished: the Panel has decided, the minutes are final and nothing
/// is left to render.
/// </summary>
public static class CaseOrchestrator
{
    public const string Name = "ReadinessReview";

    /// <summary>The event the HTTP functions raise after recording a command; its payload is the record's new <see cref="CasePlan"/>.</summary>
    public const string RecordChanged = "RecordChanged";

    [Function(Name)]
    public static async Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context, CaseRun run)
    {
        var timeline = await CaseTimeline.StartAsync(context, run);
        while (true)
        {
            await timeline.RunScheduledStepsAsync();
            if (timeline.Plan.Finished) return CaseStage.MinutesFinal.ToString();
            await timeline.WaitForRecordOrTimerAsync();
        }
    }
}

/// <summary>
/// The orchestrator's working state: the latest plan it knows. Deterministic: time from the context, I/O only
/// through activities, so replay decides the same as the first run.
/// </summary>
internal sealed class CaseTimeline
{
    private readonly TaskOrchestrationContext _context;
    private readonly CaseRun _run;
    private readonly TaskOptions _retry;
    private CasePlan _plan;

    private CaseTimeline(TaskOrchestrationContext context, CaseRun run, TaskOptions retry, CasePlan plan)
    {
        _context = context;
        _run = run;
        _retry = retry;
        _plan = plan;
    }

    public static async Task<CaseTimeline> StartAsync(TaskOrchestrationContext context, CaseRun run)
    {
        // Every activity reads or writes storage, so every one is retried: a storage blip while the first read is
        // made must not fail the orchestration any more than one during a render.
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(run.Retry.Attempts, run.Retry.FirstInterval, run.Retry.BackoffCoefficient));
        var plan = await context.CallActivityAsync<CasePlan>(nameof(CaseActivities.ReadCasePlan), run.CaseId, retry);
        var timeline = new CaseTimeline(context, run, retry, plan);
        timeline.Publish();
        return timeline;
    }

    public CasePlan Plan => _plan;

    /// <summary>Runs every step the record has scheduled, oldest first, each under the retry policy.</summary>
    public async Task RunScheduledStepsAsync()
    {
        while (_plan.Steps.Count > 0)
        {
            var step = _plan.Steps[0];
            try
            {
                _plan = _plan.Newest(await RunAsync(step, new StepInput(_run.CaseId, step.Sequence, step.Run)));
            }
            catch (TaskFailedException failure)
            {
                // Retries are spent: the record says which step failed and why, and the orchestration fails.
                // POST /rewind records the retry and starts the orchestration again from the record.
                await _context.CallActivityAsync<CasePlan>(nameof(CaseActivities.RecordStepFailure),
                    new StepFailure(_run.CaseId, step.Sequence, step.Run, failure.FailureDetails.ErrorMessage, _run.Retry.Attempts, failure.FailureDetails.ErrorType), _retry);
                throw;
            }
            Publish();
        }
    }

    /// <summary>Waits for the record to change or for its next reminder's durable timer, whichever comes first.</summary>
    public async Task WaitForRecordOrTimerAsync()
    {
        using var stopWaiting = new CancellationTokenSource();
        var changed = _context.WaitForExternalEvent<CasePlan>(CaseOrchestrator.RecordChanged, stopWaiting.Token);
        var reminder = _plan.NextTimer;
        var due = reminder is null ? null : _context.CreateTimer(reminder.DueAt.UtcDateTime, stopWaiting.Token);
        var first = due is null ? await Task.WhenAny(changed) : await Task.WhenAny(changed, due);
        stopWaiting.Cancel();

        _plan = first == changed
            ? _plan.Newest(await changed)
            : _plan.Newest(await _context.CallActivityAsync<CasePlan>(nameof(CaseActivities.FireReminderTimer), new TimerInput(_run.CaseId, reminder!.TimerId), _retry));
        Publish();
    }

    /// <summary>The step's activity, by a name the IDE follows; the record names the kind of step, the process chose it.</summary>
    private Task<CasePlan> RunAsync(PlannedStep step, StepInput input) => step.Activity switch
    {
        ReportSteps.Render => _context.CallActivityAsync<CasePlan>(nameof(CaseActivities.RenderReport), input, _retry),
        PanelMailing.SendLinksStep => _context.CallActivityAsync<CasePlan>(nameof(CaseActivities.SendPanelLinks), input, _retry),
        CaseReminders.SendStep => _context.CallActivityAsync<CasePlan>(nameof(CaseActivities.SendReminder), input, _retry),
        CaseProcess.LegacyNotifyStep => _context.CallActivityAsync<CasePlan>(nameof(CaseActivities.Notify), input, _retry),
        _ => throw new InvalidOperationException($"No activity runs a '{step.Activity}' step."),
    };

    /// <summary>The status's customStatus: the governance stage and the record version the orchestration last read.</summary>
    private void Publish() => _context.SetCustomStatus(new CaseProgressPublished(_plan.Stage.ToString(), _plan.Version));
}

/// <summary>What the orchestration publishes as its custom status: the stage it last read, and at which version of the record.</summary>
public sealed record CaseProgressPublished(string Stage, long Version);

public sealed record StepInput(string CaseId, long Sequence, int Run);

public sealed record StepFailure(string CaseId, long Sequence, int Run, string Error, int Attempts, string? ErrorType = null);

public sealed record TimerInput(string CaseId, string TimerId);

/// <summary>
/// The orchestration's input: which case, and the retry policy its steps run under. Fixed when the case's
/// orchestration starts (settings read then, not during replay), so every replay decides the same.
/// </summary>
public sealed record CaseRun(string CaseId, string Title, StepRetry Retry);
