using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Orchestration;

public sealed partial class CaseProcess
{
    /// <summary>Where the case stands on the governance timeline: a function of the record, never stored on its own.</summary>
    public static CaseStage Stage(CaseState s) => s switch
    {
        { IsTerminated: true } => CaseStage.Terminated,
        _ when s.MinutesApproved is not null => CaseStage.MinutesFinal,
        _ when s.PanelDecision is not null => CaseStage.PanelDecided,
        _ when s.Reports.Any(r => r.Kind == ReportKinds.PanelReport) => CaseStage.ReportedToPanel,
        _ when s.Meeting is not null => CaseStage.MeetingHeld,
        _ when s.ReviewOpened is not null => CaseStage.InReview,
        _ when !s.Submissions.IsEmpty => CaseStage.SubmissionReceived,
        _ => CaseStage.AwaitingSubmission,
    };

    /// <summary>The case's Durable-style runtime status: complete once the Panel decided, the minutes are final and nothing is left to render.</summary>
    public static RuntimeStatus Runtime(CaseState s)
    {
        if (s.IsTerminated) return RuntimeStatus.Terminated;
        if (s.HasFailedStep) return RuntimeStatus.Failed;
        if (s.MinutesApproved is not null && s.PanelDecision is not null && !s.PendingActivities.Any()) return RuntimeStatus.Completed;
        return s.Submissions.IsEmpty ? RuntimeStatus.Pending : RuntimeStatus.Running;
    }

    /// <summary>What the orchestration has to do, read off the record at its version: see <see cref="CasePlan"/>.</summary>
    public static CasePlan Plan(CaseState state) => new(
        state.Version,
        Stage(state),
        state.IsTerminated ? [] : state.Activities.Values
            .Where(a => a.Status == ActivityStatus.Scheduled)
            .Select(a => new PlannedStep(a.Sequence, a.Scheduled.Name, a.Retries))
            .ToList(),
        state.IsTerminated ? null : state.Timers.Values
            .Where(t => !t.Fired)
            .OrderBy(t => t.Scheduled.DueAt).ThenBy(t => t.Scheduled.TimerId, StringComparer.Ordinal)
            .Select(t => new PlannedTimer(t.Scheduled.TimerId, t.Scheduled.DueAt))
            .FirstOrDefault(),
        Runtime(state) == RuntimeStatus.Completed);
}
