using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Orchestration;

/// <summary>The meeting workflow's only I/O; each step is idempotent as a case's are (<see cref="StepRunner{TState}"/>).</summary>
public sealed class MeetingActivities(MeetingStore store, CaseStore cases, ActionRecords records, StepRunner<MeetingState> steps, ReportRenderer renderer, BlobStore blobs, MeetingWorkflow workflow,
    CaseWorkflow caseWorkflow, MeetingReminderMailer reminders)
{
    [Function(nameof(ReadMeetingPlan))]
    public async Task<MeetingPlan> ReadMeetingPlan([ActivityTrigger] string meetingId) => MeetingProcess.Plan(await store.LoadAsync(meetingId, CancellationToken.None));

    /// <summary>
    /// The minutes as the meeting stood when the rendering was scheduled, with the earlier meetings' actions as their
    /// records stand (only what was raised and closed before this meeting's date counts, so later meetings change nothing).
    /// </summary>
    [Function(nameof(RenderMinutes))]
    public Task<MeetingPlan> RenderMinutes([ActivityTrigger] MeetingStepInput step) => RunAsync(step, async (history, activity) =>
    {
        var version = activity.Scheduled.ReportVersion ?? 1;
        var asScheduled = store.Kind.Fold(step.MeetingId, history.TakeWhile(e => e.Sequence <= step.Sequence));
        var loaded = await records.LoadAsync(CancellationToken.None);
        var actions = loaded.With(asScheduled);
        var panelDecisions = asScheduled.Items.Values.Any(i => i.Added.Standing == StandingItem.PanelFeedback)
            ? PanelFeedback.Since(loaded.Cases, PanelFeedback.LastMeetingBefore(loaded.Meetings, asScheduled), asScheduled.Scheduled!.Date)
            : [];
        var reviewed = new Dictionary<string, CaseState>(StringComparer.Ordinal);
        foreach (var caseId in asScheduled.Items.Values.Select(i => i.Added.CaseId).OfType<string>())
            reviewed[caseId] = await cases.LoadAsync(caseId, CancellationToken.None);
        var bytes = Encoding.UTF8.GetBytes(renderer.RenderMeetingDocument(MinutesModel.TemplateName, MinutesModel.From(asScheduled, actions, reviewed, panelDecisions)));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var name = ReportBlobs.Name(step.MeetingId, MinutesModel.TemplateName, version);
        await blobs.WriteAsync(BlobArea.Reports, name, bytes, ReportBlobs.ContentType, new Dictionary<string, string>
        {
            ["sha256"] = sha,
            ["templatehash"] = renderer.TemplateHash,
            ["historysequence"] = step.Sequence.ToString(CultureInfo.InvariantCulture),
            ["headhash"] = RecordChain.HeadAt(history, step.Sequence),
        }, CancellationToken.None);
        return new MinutesRendered(step.Sequence, version, asScheduled.IsFinal, name, sha, renderer.TemplateHash);
    });

    /// <summary>
    /// This meeting approved the previous one's minutes: record them final in that meeting's own history (once, by
    /// this step's key), tell its orchestration; then every readiness case that meeting reviewed as an item has its
    /// minutes approved too (kept, as a raised MinutesApproved is, until the case waits for it); then complete the step.
    /// </summary>
    [Function(nameof(FinalisePreviousMinutes))]
    public Task<MeetingPlan> FinalisePreviousMinutes([ActivityTrigger] MeetingStepInput step, [DurableClient] DurableTaskClient client) => RunAsync(step, async (history, _) =>
    {
        var here = store.Kind.Fold(step.MeetingId, history);
        var approved = here.ApprovedPrevious ?? throw new InvalidOperationException("Nothing was approved at this meeting.");
        var previous = await store.RecordOnceAsync(approved.MeetingId, $"made-final-at-{step.MeetingId}", DateTimeOffset.UtcNow,
            s => s.IsFinal ? Decision.Accept() : Decision.Accept(new MinutesMadeFinal(step.MeetingId, here.Scheduled!.Date, approved.Amendments)));
        await workflow.AlignAsync(client, previous);
        var approval = new MinutesApproved(step.MeetingId, here.Scheduled!.Date);
        foreach (var caseId in previous.Items.Values.Select(i => i.Added.CaseId).OfType<string>())
        {
            var reviewed = await cases.RecordOnceAsync(caseId, $"minutes-approved-at-{step.MeetingId}", DateTimeOffset.UtcNow, s =>
                CaseRules.Live(s) is not null || s.Meeting is null || MinutesApproval.Check(s, approval) is not null || s.Inbox.Values.Any(kept => kept.Name == CaseProcess.MinutesApprovedName)
                    ? Decision.Accept() // not reviewed after all, already final, or already on its way: nothing to add
                    : CaseProcess.Raise(s, CaseProcess.FindWait(CaseProcess.MinutesApprovedName)!, approval));
            await caseWorkflow.AlignAfterRecordingAsync(client, reviewed, CancellationToken.None);
        }
        return new ActivityCompleted(step.Sequence, $"The minutes of {approved.MeetingId} are final.");
    });

    /// <summary>
    /// A review here of an action a readiness case raised: copied onto that case once (by this step's key), so the case's
    /// views, the conditions the action delivers and its recommendation follow it whatever the state of its minutes;
    /// then the case's orchestration is told. A case purged since has nothing to copy onto.
    /// </summary>
    [Function(nameof(RecordReviewOnCase))]
    public Task<MeetingPlan> RecordReviewOnCase([ActivityTrigger] MeetingStepInput step, [DurableClient] DurableTaskClient client) => RunAsync(step, async (history, activity) =>
    {
        var here = store.Kind.Fold(step.MeetingId, history);
        var actionId = activity.Scheduled.Message ?? throw new InvalidOperationException("The step names the action reviewed.");
        var review = here.Reviews.Last(r => string.Equals(r.ActionId, actionId, StringComparison.OrdinalIgnoreCase));
        var copy = ActionReviews.ForCase(review, here.MeetingId, here.Scheduled!.Date);
        var key = $"reviewed-at-{step.MeetingId}-{actionId.Replace(' ', '_').Replace('/', '-')}";
        var reviewed = await cases.RecordOnceAsync(review.CaseId!, key, DateTimeOffset.UtcNow, s =>
            ReviewFacts.Action(s, review.ActionId) is { } action && !action.LaterReviews.Any(r => r.MeetingId == copy.MeetingId)
                ? Decision.Accept(copy)
                : Decision.Accept());
        if (reviewed.Exists) await caseWorkflow.AlignAfterRecordingAsync(client, reviewed, CancellationToken.None);
        return new ActivityCompleted(step.Sequence, reviewed.Exists ? $"The review of {actionId} is on case {review.CaseId}." : $"Case {review.CaseId} is no longer held.");
    });

    /// <summary>A reminder's timer fired: recorded once; the meeting's process decides whether it still says something.</summary>
    [Function(nameof(FireMeetingTimer))]
    public async Task<MeetingPlan> FireMeetingTimer([ActivityTrigger] MeetingTimerInput timer) =>
        MeetingProcess.Plan(await store.RecordOnceAsync(timer.MeetingId, $"timer-{timer.TimerId}", DateTimeOffset.UtcNow,
            s => s.Timers.TryGetValue(timer.TimerId, out var t) && !t.Fired ? Decision.Accept(new TimerFired(timer.TimerId)) : Decision.Accept()));

    [Function(nameof(SendMeetingReminder))]
    public Task<MeetingPlan> SendMeetingReminder([ActivityTrigger] MeetingStepInput step) => RunAsync(step, (history, activity) =>
        reminders.SendAsync(step.MeetingId, step.Sequence, activity.Scheduled.Reminder ?? throw new InvalidOperationException("A reminder step names its reminder."), history));

    [Function(nameof(RecordMeetingStepFailure))]
    public async Task<MeetingPlan> RecordMeetingStepFailure([ActivityTrigger] MeetingStepFailure failure) =>
        MeetingProcess.Plan(await steps.RecordFailureAsync(failure.MeetingId, failure.Sequence, failure.Run, failure.Error, failure.Attempts, failure.ErrorType));

    private async Task<MeetingPlan> RunAsync(MeetingStepInput step, Func<IReadOnlyList<RecordedEvent>, ActivityState, Task<RecordEvent>> run) =>
        MeetingProcess.Plan(await steps.RunAsync(step.MeetingId, step.Sequence, step.Run, run));
}
