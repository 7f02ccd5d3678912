using System.Text.RegularExpressions;
using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

public sealed record ScheduleMeetingRequest(
    string? MeetingId,
    string? Kind,
    DateOnly? Date,
    string? StartTime,
    string? EndTime,
    string? Venue,
    bool? Teleconference,
    string? Classification,
    DateOnly? NextMeetingDate,
    int? PapersDueWorkingDays = null,
    int? DraftMinutesWorkingDays = null);

/// <summary>SECAS creates the meeting: its number and kind, when and where, the minutes' classification, the next date.</summary>
public static partial class ScheduleMeeting
{
    public static (MeetingScheduled? Event, Rejection? Rejection) Validate(ScheduleMeetingRequest request)
    {
        var v = new Validator();
        var id = v.Text(request.MeetingId, "meetingId", 40);
        v.Check(id.Length == 0 || MeetingIdPattern().IsMatch(id), "meetingId", "Use the meeting's number as the Group writes it, e.g. OPSG_25 or OPSG_29xxx.");
        var kind = v.Enum<MeetingKind>(request.Kind, "kind");
        var date = v.Required(request.Date, "date");
        var start = Time(v, request.StartTime, "startTime");
        var end = Time(v, request.EndTime, "endTime");
        if (start.Length > 0 && end.Length > 0) v.Check(string.CompareOrdinal(start, end) < 0, "endTime", "The meeting must end after it starts.");
        var venue = v.OptionalText(request.Venue, "venue");
        var teleconference = request.Teleconference ?? false;
        v.Check(venue is not null || teleconference, "venue", "Say where the meeting is held, or set teleconference for a meeting held by teleconference only.");
        var classification = v.Enum<Classification>(request.Classification, "classification");
        if (request.NextMeetingDate is { } next) v.Check(next > date, "nextMeetingDate", "The next meeting comes after this one.");
        var papers = request.PapersDueWorkingDays ?? MeetingReminders.PapersDueWorkingDays;
        var minutes = request.DraftMinutesWorkingDays ?? MeetingReminders.DraftMinutesWorkingDays;
        v.Check(papers is >= 1 and <= 30, "papersDueWorkingDays", "Between 1 and 30 working days before the meeting.");
        v.Check(minutes is >= 1 and <= 30, "draftMinutesWorkingDays", "Between 1 and 30 working days after the meeting.");
        return v.ToRejection() is { } rejection
            ? (null, rejection)
            : (new MeetingScheduled(id, kind, date, start, end, venue, teleconference, classification, request.NextMeetingDate, papers, minutes), null);
    }

    public static Decision Decide(MeetingState state, MeetingScheduled scheduled) =>
        state.Exists
            ? new Rejection(409, "The meeting already exists.", $"Meeting '{state.MeetingId}' was created before; read it at /api/meetings/{state.MeetingId}.")
            : Decision.Accept(scheduled);

    private static string Time(Validator v, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) { v.Add(field, "Required."); return ""; }
        v.Check(TimePattern().IsMatch(value), field, "Use 24-hour hh:mm, e.g. 10:00.");
        return value;
    }

    [GeneratedRegex("^OPSG_[0-9A-Za-z]{1,12}$")]
    private static partial Regex MeetingIdPattern();

    [GeneratedRegex("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    private static partial Regex TimePattern();
}
