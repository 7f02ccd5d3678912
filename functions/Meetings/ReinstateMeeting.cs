using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

public sealed record ReinstateMeetingRequest(string? Reason);

/// <summary>
/// SECAS takes back a cancellation: a meeting called off in error, or one the Group will hold after all. It is
/// scheduled again as it was (a move is a separate command), takes commands, and sends the reminders still ahead of it.
/// </summary>
public static class ReinstateMeeting
{
    public static (MeetingReinstated? Event, Rejection? Rejection) Validate(ReinstateMeetingRequest request) =>
        MeetingRules.WithReason(request.Reason, reason => new MeetingReinstated(reason));

    public static Decision Decide(MeetingState state, MeetingReinstated reinstated) =>
        !state.Exists ? MeetingRules.NotFound(state.MeetingId)
        : state.IsCancelled ? Decision.Accept(reinstated)
        : Decision.Accept(); // not cancelled: nothing to take back
}
