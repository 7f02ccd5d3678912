using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Review;

namespace Opsg.Functions.Meetings;

public sealed record CancelMeetingRequest(string? Reason);

/// <summary>
/// SECAS calls off a meeting that nothing has been recorded of yet: one the Group will not hold, or one created under the
/// wrong number. Once anything is minuted, or a readiness case has recorded its review at it, the meeting happened and
/// stays. Its number stays taken, so what was sent under it never points at another meeting.
/// </summary>
public static class CancelMeeting
{
    public static (MeetingCancelled? Event, Rejection? Rejection) Validate(CancelMeetingRequest request)
    {
        var v = new Validator();
        var reason = v.Text(request.Reason, "reason");
        return v.ToRejection() is { } rejection ? (null, rejection) : (new MeetingCancelled(reason), null);
    }

    /// <param name="reviewedHere">The readiness cases that recorded their review at this meeting.</param>
    public static Decision Decide(MeetingState state, MeetingCancelled cancelled, IReadOnlyList<CaseState> reviewedHere)
    {
        if (state.IsCancelled) return Decision.Accept(); // already off: nothing more to record
        if (MeetingRules.Open(state) is { } closed) return closed;
        if (state.IsMinuted)
            return Rejection.OutOfOrder($"{state.MeetingId} has been minuted; a meeting is cancelled only before anything is recorded of it.");
        if (reviewedHere.Count > 0)
            return Rejection.OutOfOrder($"{string.Join(", ", reviewedHere.Select(c => c.CaseId))} recorded {(reviewedHere.Count == 1 ? "its" : "their")} review at {state.MeetingId}, so it was held.");
        return Decision.Accept(cancelled);
    }

    /// <summary>The cases whose review the meeting recorded, by the meeting each case says it was reviewed at.</summary>
    public static IReadOnlyList<CaseState> ReviewedAt(IEnumerable<CaseState> cases, string meetingId) =>
        cases.Where(c => c.Exists && string.Equals(c.Meeting?.MeetingId, meetingId, StringComparison.OrdinalIgnoreCase)).ToList();
}
