using Opsg.Functions.Records;
using Opsg.Functions.Review;

namespace Opsg.Functions.Meetings;

public sealed record AttendanceRequest(List<AttendeeRequest>? Attendees, List<ApologyRequest>? Apologies);

/// <summary>Attendance is recorded once per meeting; every case reviewed there reads it from here.</summary>
public static class RecordAttendance
{
    public static (AttendanceRecorded? Event, Rejection? Rejection) Validate(AttendanceRequest request)
    {
        var v = new Validator();
        var (attendees, apologies) = RecordMeeting.Attendance(v, request.Attendees, request.Apologies);
        return v.ToRejection() is { } rejection ? (null, rejection) : (new AttendanceRecorded(attendees, apologies), null);
    }

    public static Decision Decide(MeetingState state, AttendanceRecorded attendance) =>
        MeetingRules.Open(state) is { } refused ? refused : Decision.Accept(attendance);
}
