using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Opsg.Functions.Meetings;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// One orchestration per meeting (instance id = meeting id): from the first minutes to the approval at the next
/// meeting. What happens next is <see cref="MeetingProcess"/>'s to decide; this runs it: the minutes whenever they are
/// asked for or changed, when this meeting approves the previous one's minutes the step that makes those final, and the
/// reminders to SECAS as they fall. Between steps it waits for the record to change or the next reminder. It completes when the minutes are final and nothing is left.
/// </summary>
public static class MeetingOrchestrator
{
    public const string Name = "MeetingMinutes";

    [Function(Name)]
    public static async Task<string> Run([OrchestrationTrigger] TaskOrchestrationContext context, MeetingRun run)
    {
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(run.Retry.Attempts, run.Retry.FirstInterval, run.Retry.BackoffCoefficient));
        var plan = await context.CallActivityAsync<MeetingPlan>(nameof(MeetingActivities.ReadMeetingPlan), run.MeetingId, retry);
        Publish(context, plan);
        for (plan = await RunScheduledStepsAsync(context, run, plan, retry); !plan.Finished; plan = await RunScheduledStepsAsync(context, run, plan, retry))
        {
            plan = plan.Newest(await WaitForRecordOrReminderAsync(context, run, plan, retry));
            Publish(context, plan);
        }
        return MeetingStage.Final.ToString();
    }

    /// <summary>The record changes, or the next reminder still due falls (recorded as fired, which schedules its email).</summary>
    private static async Task<MeetingPlan> WaitForRecordOrReminderAsync(TaskOrchestrationContext context, MeetingRun run, MeetingPlan plan, TaskOptions retry)
    {
        using var stopWaiting = new CancellationTokenSource();
        var changed = context.WaitForExternalEvent<MeetingPlan>(CaseOrchestrator.RecordChanged, stopWaiting.Token);
        if (plan.NextTimer is not { } reminder) return await changed;
        var due = context.CreateTimer(reminder.DueAt.UtcDateTime, stopWaiting.Token);
        var first = await Task.WhenAny(changed, due);
        stopWaiting.Cancel();
        return first == changed
            ? await changed
            : await context.CallActivityAsync<MeetingPlan>(nameof(MeetingActivities.FireMeetingTimer), new MeetingTimerInput(run.MeetingId, reminder.TimerId), retry);
    }

    /// <summary>Runs every step the record has scheduled, oldest first, each under the retry policy.</summary>
    private static async Task<MeetingPlan> RunScheduledStepsAsync(TaskOrchestrationContext context, MeetingRun run, MeetingPlan plan, TaskOptions retry)
    {
        while (plan.Steps.Count > 0)
        {
            var step = plan.Steps[0];
            try
            {
                plan = plan.Newest(await RunAsync(context, step, new MeetingStepInput(run.MeetingId, step.Sequence, step.Run), retry));
            }
            catch (TaskFailedException failure)
            {
                // Retries are spent: the record says which step failed and why, and the orchestration fails.
                await context.CallActivityAsync<MeetingPlan>(nameof(MeetingActivities.RecordMeetingStepFailure),
                    new MeetingStepFailure(run.MeetingId, step.Sequence, step.Run, failure.FailureDetails.ErrorMessage, run.Retry.Attempts, failure.FailureDetails.ErrorType), retry);
                throw;
            }
            Publish(context, plan);
        }
        return plan;
    }

    /// <summary>The step's activity, by a name the IDE follows; the record names the kind of step, the process chose it.</summary>
    private static Task<MeetingPlan> RunAsync(TaskOrchestrationContext context, MeetingStep step, MeetingStepInput input, TaskOptions retry) => step.Activity switch
    {
        MeetingProcess.RenderMinutesStep => context.CallActivityAsync<MeetingPlan>(nameof(MeetingActivities.RenderMinutes), input, retry),
        MeetingProcess.FinalisePreviousStep => context.CallActivityAsync<MeetingPlan>(nameof(MeetingActivities.FinalisePreviousMinutes), input, retry),
        MeetingProcess.ReviewOnCaseStep => context.CallActivityAsync<MeetingPlan>(nameof(MeetingActivities.RecordReviewOnCase), input, retry),
        MeetingReminders.SendStep => context.CallActivityAsync<MeetingPlan>(nameof(MeetingActivities.SendMeetingReminder), input, retry),
        _ => throw new InvalidOperationException($"No activity runs a '{step.Activity}' step."),
    };

    private static void Publish(TaskOrchestrationContext context, MeetingPlan plan) =>
        context.SetCustomStatus(new CaseProgressPublished(plan.Stage, plan.Version));
}

/// <summary>The meeting orchestration's input, fixed when it starts.</summary>
public sealed record MeetingRun(string MeetingId, StepRetry Retry);

public sealed record MeetingStepInput(string MeetingId, long Sequence, int Run);

public sealed record MeetingTimerInput(string MeetingId, string TimerId);

public sealed record MeetingStepFailure(string MeetingId, long Sequence, int Run, string Error, int Attempts, string? ErrorType = null);
