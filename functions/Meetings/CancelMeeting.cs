using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

public sealed record CancelMeetingRequest(string? Reason);

/// <summary>
/// SECAS calls off a meeting that nothing has been recorded of yet: one the Group will not hold, or one created under the
/// wrong number. Once anything is minuted the meeting happened and stays; while a readiness case is opened for it, it
/// stays too, as a case's meeting never changes (the case is purged first if it was opened in error). Its number stays
/// taken, so what was sent under it never points at another meeting.
/// </summary>
public static class CancelMeeting
{
    public static (MeetingCancelled? Event, Rejection? Rejection) Validate(CancelMeetingRequest request) =>
        MeetingRules.WithReason(request.Reason, reason => new MeetingCancelled(reason));

    /// <param name="casesForIt">The readiness cases opened for this meeting (<see cref="CasesFor"/>).</param>
    public static Decision Decide(MeetingState state, MeetingCancelled cancelled, IReadOnlyList<CaseState> casesForIt)
    {
        if (state.IsCancelled) return Decision.Accept(); // already off: nothing more to record
        if (MeetingRules.Open(state) is { } closed) return closed;
        if (state.IsMinuted)
            return Rejection.OutOfOrder($"{state.MeetingId} has been minuted; a meeting is cancelled only before anything is recorded of it.");
        if (casesForIt.Count > 0)
            return Rejection.OutOfOrder($"{string.Join(", ", casesForIt.Select(c => c.CaseId))} {(casesForIt.Count == 1 ? "is a readiness case" : "are readiness cases")} for {state.MeetingId}, and a case's meeting does not change; purge a case opened in error first.");
        return Decision.Accept(cancelled);
    }

    /// <summary>The cases opened for the meeting: each is reviewed at the meeting it was opened for.</summary>
    public static IReadOnlyList<CaseState> CasesFor(IEnumerable<CaseState> cases, string meetingId) =>
        cases.Where(c => string.Equals(c.Opened?.MeetingId, meetingId, StringComparison.OrdinalIgnoreCase)).ToList();
}
