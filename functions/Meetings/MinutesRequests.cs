using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

/// <summary>SECAS asks for the minutes: the process schedules a rendering of the meeting as it stands.</summary>
public static class MinutesRequests
{
    public static Decision Decide(MeetingState state) =>
        !state.Exists ? MeetingRules.NotFound(state.MeetingId)
        : state.IsFinal && state.Minutes.IsEmpty
            ? Rejection.OutOfOrder($"The minutes of {state.MeetingId} were approved at {state.Final!.AtMeeting} without a version drafted here (they were kept elsewhere); a final meeting changes only through an amendment approved at a later meeting.")
        : state.IsFinal ? Rejection.OutOfOrder($"The minutes of {state.MeetingId} are final; their last version is the final one.")
        : state.Items.IsEmpty ? Rejection.OutOfOrder("Minute at least one agenda item first.")
        : Decision.Accept(new MinutesRequested());
}
