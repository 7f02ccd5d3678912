using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// The workflow's only I/O. Each step is idempotent: it does nothing unless the record still shows it as
/// scheduled for this run, its output is named from case + kind + version (or sequence), and its completion
/// is appended under an idempotency key, so a retried or replayed step records itself once.
/// Each answers with the record's plan after it.
/// </summary>
public sealed class CaseActivities(CaseStore store, MeetingStore meetings, StepRunner<CaseState> steps, ReportRenderer renderer, BlobStore blobs, PanelMailer mailer, ReminderMailer reminders)
{
    [Function(nameof(ReadCasePlan))]
    public async Task<CasePlan> ReadCasePlan([ActivityTrigger] string caseId) => CaseProcess.Plan(await store.LoadAsync(caseId, CancellationToken.None));

    [Function(nameof(RenderReport))]
    public Task<CasePlan> RenderReport([ActivityTrigger] StepInput step) => RunStepAsync(step, async (history, activity) =>
    {
        var kind = activity.Scheduled.ReportKind ?? throw new InvalidOperationException("A report step needs a kind.");
        var version = activity.Scheduled.ReportVersion ?? 1;
        // The report shows the case as it was when the rendering was scheduled: same record, same bytes; the attendance
        // of a meeting that is a record of its own is that record's.
        var asScheduled = store.Kind.Fold(step.CaseId, history.TakeWhile(e => e.Sequence <= step.Sequence));
        var meeting = asScheduled.Meeting is { } held ? await meetings.LoadAsync(held.MeetingId, CancellationToken.None) : null;
        var bytes = Encoding.UTF8.GetBytes(renderer.Render(kind, WithAttendanceOf(asScheduled, meeting)));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var name = ReportBlobs.Name(step.CaseId, kind, version);
        await blobs.WriteAsync(BlobArea.Reports, name, bytes, ReportBlobs.ContentType, new Dictionary<string, string>
        {
            ["sha256"] = sha,
            ["templatehash"] = renderer.TemplateHash,
            ["historysequence"] = step.Sequence.ToString(CultureInfo.InvariantCulture),
            ["headhash"] = RecordChain.HeadAt(history, step.Sequence),
        }, CancellationToken.None);
        return new ReportRendered(step.Sequence, kind, version, name, sha, renderer.TemplateHash, step.Sequence);
    });

    /// <summary>A reminder by email: one message per person it is for, each recorded as it goes.</summary>
    [Function(nameof(SendReminder))]
    public Task<CasePlan> SendReminder([ActivityTrigger] StepInput step) => RunStepAsync(step, (history, activity) =>
        reminders.SendAsync(step.CaseId, step.Sequence, activity.Scheduled.Reminder ?? throw new InvalidOperationException("A reminder step names its reminder."), history, CaseProcess.ReminderStillDue));

    /// <summary>A reminder recorded before reminders were emailed (it named no recipients): completed, nothing sent.</summary>
    [Function(nameof(Notify))]
    public Task<CasePlan> Notify([ActivityTrigger] StepInput step) =>
        RunStepAsync(step, (_, _) => Task.FromResult<RecordEvent>(new ActivityCompleted(step.Sequence, "Superseded: reminders are emailed.")));

    /// <summary>The Panel's link by email: one link and one message per recipient, each recorded as it goes.</summary>
    [Function(nameof(SendPanelLinks))]
    public Task<CasePlan> SendPanelLinks([ActivityTrigger] StepInput step) =>
        RunStepAsync(step, (history, _) => mailer.SendAsync(step.CaseId, step.Sequence, history));

    /// <summary>A reminder's durable timer is due: recorded once (by timer id), and the case policy decides what it brings.</summary>
    [Function(nameof(FireReminderTimer))]
    public Task<CasePlan> FireReminderTimer([ActivityTrigger] TimerInput timer) => AppendAsync(timer.CaseId, $"timer-{timer.TimerId}",
        s => s.Timers.TryGetValue(timer.TimerId, out var t) && !t.Fired && !s.IsTerminated ? Decision.Accept(new TimerFired(timer.TimerId)) : Decision.Accept());

    /// <summary>A step that spent its retries: the case status shows it until SECAS asks for it again.</summary>
    [Function(nameof(RecordStepFailure))]
    public async Task<CasePlan> RecordStepFailure([ActivityTrigger] StepFailure failure) =>
        CaseProcess.Plan(await steps.RecordFailureAsync(failure.CaseId, failure.Sequence, failure.Run, failure.Error, failure.Attempts, failure.ErrorType));

    /// <summary>
    /// Attendance is recorded once, by the meeting: a case reviewed at a meeting that is a record of its own prints that
    /// meeting's attendance and apologies in its documents, whatever the case recorded (or left out) itself.
    /// </summary>
    private static CaseState WithAttendanceOf(CaseState state, MeetingState? meeting) =>
        state.Meeting is { } recorded && meeting is { Attendance: { } attendance } && meeting.MeetingId == recorded.MeetingId
            ? state.WithAttendance(attendance.Attendees, attendance.Apologies)
            : state;

    private async Task<CasePlan> RunStepAsync(StepInput step, Func<IReadOnlyList<RecordedEvent>, ActivityState, Task<RecordEvent>> run) =>
        CaseProcess.Plan(await steps.RunAsync(step.CaseId, step.Sequence, step.Run, run));

    private async Task<CasePlan> AppendAsync(string caseId, string idempotencyKey, Func<CaseState, Decision> decide) =>
        CaseProcess.Plan(await steps.AppendAsync(caseId, idempotencyKey, decide));
}
