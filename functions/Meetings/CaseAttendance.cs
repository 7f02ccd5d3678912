using Opsg.Functions.Cases;
using Opsg.Functions.Review;

namespace Opsg.Functions.Meetings;

/// <summary>
/// Attendance is recorded once, by the meeting: a case reviewed at a meeting that is a record of its own prints that
/// meeting's attendance and apologies in its documents, whatever the case recorded (or left out) itself.
/// </summary>
public static class CaseAttendance
{
    public static CaseState AsShown(CaseState state, MeetingState? meeting) =>
        state.Meeting is { } recorded && meeting is { Attendance: { } attendance } && meeting.MeetingId == recorded.MeetingId
            ? state.WithAttendance(attendance.Attendees, attendance.Apologies)
            : state;
}
