using Opsg.Functions.Reports;

namespace Opsg.Functions.Cases;

/// <summary>The stage and the runtime status are functions of the state, never stored on their own.</summary>
public static class CaseProgress
{
    public static CaseStage Stage(CaseState s) => s switch
    {
        { IsTerminated: true } => CaseStage.Terminated,
        { MinutesApproved: not null } => CaseStage.MinutesFinal,
        { PanelDecision: not null } => CaseStage.PanelDecided,
        _ when s.Reports.Any(r => r.Kind == ReportKinds.PanelReport) => CaseStage.ReportedToPanel,
        { Meeting: not null } => CaseStage.MeetingHeld,
        { ReviewOpened: not null } => CaseStage.InReview,
        { Submissions.IsEmpty: false } => CaseStage.SubmissionReceived,
        _ => CaseStage.AwaitingSubmission,
    };

    public static RuntimeStatus Runtime(CaseState s)
    {
        if (s.IsTerminated) return RuntimeStatus.Terminated;
        if (s.Activities.Values.Any(a => a.Status == ActivityStatus.Failed)) return RuntimeStatus.Failed;
        if (s.MinutesApproved is not null && s.PanelDecision is not null && !PendingActivities(s).Any()) return RuntimeStatus.Completed;
        return s.Submissions.IsEmpty ? RuntimeStatus.Pending : RuntimeStatus.Running;
    }

    public static IEnumerable<long> PendingActivities(CaseState s) =>
        s.Activities.Values.Where(a => a.Status == ActivityStatus.Scheduled).Select(a => a.Sequence);
}
