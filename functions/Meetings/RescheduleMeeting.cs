using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

public sealed record RescheduleMeetingRequest(DateOnly? Date, string? StartTime, string? EndTime, string? Venue, bool? Teleconference, DateOnly? NextMeetingDate);

/// <summary>
/// SECAS moves a meeting that has not been minuted yet (meetings do move): a new date, times or place. Its reminders
/// follow the new date (<see cref="MeetingReminders"/>). Once an item is minuted the date is what happened, and the
/// minutes' reference is built from it, so it stays.
/// </summary>
public static class RescheduleMeeting
{
    public static (MeetingRescheduled? Event, Rejection? Rejection) Validate(RescheduleMeetingRequest request)
    {
        var v = new Validator();
        var moved = ScheduleMeeting.WhenAndWhere(v, request.Date, request.StartTime, request.EndTime, request.Venue, request.Teleconference, request.NextMeetingDate);
        return v.ToRejection() is { } rejection ? (null, rejection) : (moved, null);
    }

    public static Decision Decide(MeetingState state, MeetingRescheduled moved)
    {
        if (MeetingRules.Open(state) is { } closed) return closed;
        if (!state.Items.IsEmpty || state.Attendance is not null || state.MinutesRequested || !state.Minutes.IsEmpty)
            return Rejection.OutOfOrder($"{state.MeetingId} has been minuted; a meeting is moved only before anything is recorded of it.");
        var now = state.Scheduled!;
        return now.Date == moved.Date && now.StartTime == moved.StartTime && now.EndTime == moved.EndTime && now.Venue == moved.Venue
            && now.Teleconference == moved.Teleconference && now.NextMeetingDate == moved.NextMeetingDate
            ? Decision.Accept()
            : Decision.Accept(moved);
    }
}
