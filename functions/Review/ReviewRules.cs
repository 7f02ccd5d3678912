using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Review;

/// <summary>Preconditions the review's commands share, phrased once so every refusal reads the same.</summary>
public static class ReviewRules
{
    /// <summary>The meeting has been recorded and its minutes are not yet final.</summary>
    public static Rejection? MeetingOpen(CaseState state) =>
        CaseRules.Live(state)
        ?? (state.Meeting is null ? Rejection.OutOfOrder("Record the meeting first (PUT /meeting).") : null)
        ?? (state.MinutesApproved is not null ? Rejection.OutOfOrder("The minutes were approved as final; the record is closed.") : null);
}
