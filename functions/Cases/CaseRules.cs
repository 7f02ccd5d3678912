namespace Opsg.Functions.Cases;

/// <summary>Preconditions most commands share, phrased once so every refusal reads the same.</summary>
public static class CaseRules
{
    /// <summary>The case exists and has not been terminated.</summary>
    public static Rejection? Live(CaseState state) =>
        !state.Exists ? Rejection.NotFound(state.CaseId)
        : state.IsTerminated ? Rejection.OutOfOrder("The case was terminated; nothing more can be recorded.")
        : null;

    /// <summary>The meeting has been recorded and its minutes are not yet final.</summary>
    public static Rejection? MeetingOpen(CaseState state) =>
        Live(state)
        ?? (state.Meeting is null ? Rejection.OutOfOrder("Record the meeting first (PUT /meeting).") : null)
        ?? (state.MinutesApproved is not null ? Rejection.OutOfOrder("The minutes were approved as final; the record is closed.") : null);
}
