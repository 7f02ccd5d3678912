using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Opsg.Functions.Cases;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// One orchestration per case (instance id = case id), reading like the governance timeline it drives. Every
/// wait also does what the record asks for meanwhile: render a document that was requested, re-render after a
/// post-meeting note, send a reminder when its durable timer is due.
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

        await timeline.UntilAsync(p => p.Stage >= CaseStage.SubmissionReceived);  // the DCC's readiness statement
        await timeline.UntilAsync(p => p.Stage >= CaseStage.MeetingHeld);         // pack issued, review opened, meeting reminder
        await timeline.UntilAsync(p => p.Stage >= CaseStage.ReportedToPanel);     // decisions, actions, notes, the TAG's view; documents as asked
        await timeline.UntilAsync(p => p.Stage >= CaseStage.PanelDecided);        // the consolidated report is with the Panel
        await timeline.UntilAsync(p => p.Finished);                               // minutes approved as final, nothing left to render
        return CaseStage.MinutesFinal.ToString();
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
        var plan = await context.CallActivityAsync<CasePlan>(CaseActivities.ReadPlan, run.CaseId, retry);
        var timeline = new CaseTimeline(context, run, retry, plan);
        timeline.Publish();
        return timeline;
    }

    /// <summary>Works the record until <paramref name="reached"/> holds with nothing left to do.</summary>
    public async Task UntilAsync(Func<CasePlan, bool> reached)
    {
        while (true)
        {
            await RunStepsAsync();
            if (reached(_plan)) return;
            await WaitForChangeAsync();
        }
    }

    private async Task RunStepsAsync()
    {
        while (_plan.Steps.Count > 0)
        {
            var step = _plan.Steps[0];
            try
            {
                _plan = _plan.Newest(await _context.CallActivityAsync<CasePlan>(step.Activity, new StepInput(_run.CaseId, step.Sequence, step.Run), _retry));
            }
            catch (TaskFailedException failure)
            {
                // Retries are spent: the record says which step failed and why, and the orchestration fails.
                // POST /rewind records the retry and starts the orchestration again from the record.
                await _context.CallActivityAsync<CasePlan>(CaseActivities.RecordFailure,
                    new StepFailure(_run.CaseId, step.Sequence, step.Run, failure.FailureDetails.ErrorMessage, _run.Retry.Attempts), _retry);
                throw;
            }
            Publish();
        }
    }

    private async Task WaitForChangeAsync()
    {
        using var stopWaiting = new CancellationTokenSource();
        var changed = _context.WaitForExternalEvent<CasePlan>(CaseOrchestrator.RecordChanged, stopWaiting.Token);
        var reminder = _plan.NextTimer;
        var due = reminder is null ? null : _context.CreateTimer(reminder.DueAt.UtcDateTime, stopWaiting.Token);
        var first = due is null ? await Task.WhenAny(changed) : await Task.WhenAny(changed, due);
        stopWaiting.Cancel();

        _plan = first == changed
            ? _plan.Newest(await changed)
            : _plan.Newest(await _context.CallActivityAsync<CasePlan>(CaseActivities.FireTimer, new TimerInput(_run.CaseId, reminder!.TimerId), _retry));
        Publish();
    }

    /// <summary>The status's customStatus: the governance stage and the record version the orchestration last read.</summary>
    private void Publish() => _context.SetCustomStatus(new CaseProgressPublished(_plan.Stage.ToString(), _plan.Version));
}

/// <summary>What the orchestration publishes as its custom status: the stage it last read, and at which version of the record.</summary>
public sealed record CaseProgressPublished(string Stage, long Version);

public sealed record StepInput(string CaseId, long Sequence, int Run);

public sealed record StepFailure(string CaseId, long Sequence, int Run, string Error, int Attempts);

public sealed record TimerInput(string CaseId, string TimerId);
