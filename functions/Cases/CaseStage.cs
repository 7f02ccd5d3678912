namespace Opsg.Functions.Cases;

/// <summary>Where a case stands on the governance timeline; shown as the status's customStatus.</summary>
public enum CaseStage
{
    AwaitingSubmission,
    SubmissionReceived,
    InReview,
    MeetingHeld,
    ReportedToPanel,
    PanelDecided,
    MinutesFinal,
    Terminated,
}

/// <summary>Durable Functions' instance states, which the management API speaks.</summary>
public enum RuntimeStatus { Pending, Running, Completed, Failed, Terminated, Suspended }
