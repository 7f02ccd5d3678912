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
        var when = WhenAndWhere(v, request.Date, request.StartTime, request.EndTime, request.Venue, request.Teleconference, request.NextMeetingDate);
        var classification = v.Enum<Classification>(request.Classification, "classification");
        var papers = request.PapersDueWorkingDays ?? MeetingReminders.PapersDueWorkingDays;
        var minutes = request.DraftMinutesWorkingDays ?? MeetingReminders.DraftMinutesWorkingDays;
        v.Check(papers is >= 1 and <= 30, "papersDueWorkingDays", "Between 1 and 30 working days before the meeting.");
        v.Check(minutes is >= 1 and <= 30, "draftMinutesWorkingDays", "Between 1 and 30 working days after the meeting.");
        return v.ToRejection() is { } rejection
            ? (null, rejection)
            : (new MeetingScheduled(id, kind, when.Date, when.StartTime, when.EndTime, when.Venue, when.Teleconference, classification, when.NextMeetingDate, papers, minutes), null);
    }

    /// <summary>When and where, as created or as moved: the checks both share, each field named when it fails.</summary>
    internal static MeetingRescheduled WhenAndWhere(Validator v, DateOnly? requestedDate, string? startTime, string? endTime, string? requestedVenue, bool? teleconference, DateOnly? nextMeetingDate)
    {
        var date = v.Required(requestedDate, "date");
        var start = Time(v, startTime, "startTime");
        var end = Time(v, endTime, "endTime");
        if (start.Length > 0 && end.Length > 0) v.Check(string.CompareOrdinal(start, end) < 0, "endTime", "The meeting must end after it starts.");
        var venue = v.OptionalText(requestedVenue, "venue");
        var byTeleconference = teleconference ?? false;
        v.Check(venue is not null || byTeleconference, "venue", "Say where the meeting is held, or set teleconference for a meeting held by teleconference only.");
        if (nextMeetingDate is { } next) v.Check(next > date, "nextMeetingDate", "The next meeting comes after this one.");
        return new MeetingRescheduled(date, start, end, venue, byTeleconference, nextMeetingDate);
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
