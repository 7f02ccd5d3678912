using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

public sealed record PreviousMinutesRequest(string? MeetingId, string? Amendments);

/// <summary>
/// The standing item that approves the previous meeting's draft minutes, with or without amendments. Recorded on
/// this meeting; the process then makes the previous meeting's minutes final (its own record, a step of its own).
/// </summary>
public static class PreviousMinutes
{
    public static (PreviousMinutesRequest? Command, Rejection? Rejection) Validate(PreviousMinutesRequest request)
    {
        var v = new Validator();
        var id = v.Text(request.MeetingId, "meetingId", 40);
        var amendments = v.OptionalText(request.Amendments, "amendments", Validator.MaxLongText);
        return v.ToRejection() is { } rejection ? (null, rejection) : (new PreviousMinutesRequest(id, amendments), null);
    }

    /// <summary>
    /// <paramref name="previous"/> is the meeting named in the request, folded; the previous meeting is the latest one
    /// held before this one (<paramref name="latestBefore"/>, found by the caller from the meetings' list).
    /// </summary>
    public static Decision Decide(MeetingState state, MeetingState previous, string? latestBefore, PreviousMinutesRequest command)
    {
        if (MeetingRules.Open(state) is { } refused) return refused;
        if (state.ApprovedPrevious is { } done)
            return Rejection.OutOfOrder($"This meeting already approved the minutes of {done.MeetingId}.");
        if (!previous.Exists)
            return Rejection.OutOfOrder($"There is no meeting '{command.MeetingId}' whose minutes could be approved.");
        if (!string.Equals(previous.MeetingId, latestBefore, StringComparison.Ordinal))
            return Rejection.OutOfOrder($"Only the previous meeting's minutes can be approved here; that is {latestBefore ?? "no meeting"}, not {previous.MeetingId}.");
        if (previous.IsFinal)
            return Rejection.OutOfOrder($"The minutes of {previous.MeetingId} are already final.");
        return Decision.Accept(new PreviousMinutesApproved(previous.MeetingId, command.Amendments));
    }
}
