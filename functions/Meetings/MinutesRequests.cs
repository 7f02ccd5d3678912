using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

/// <summary>SECAS asks for the minutes: the process schedules a rendering of the meeting as it stands.</summary>
public static class MinutesRequests
{
    public static Decision Decide(MeetingState state) =>
        !state.Exists ? MeetingRules.NotFound(state.MeetingId)
        : state.IsFinal ? Rejection.OutOfOrder($"The minutes of {state.MeetingId} are final; their last version is the final one.")
        : state.Items.IsEmpty ? Rejection.OutOfOrder("Minute at least one agenda item first.")
        : Decision.Accept(new MinutesRequested());
}
