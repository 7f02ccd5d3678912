using System.Text.RegularExpressions;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Review;

public sealed record MeetingRequest(DateOnly? Date, string? StartTime, string? EndTime, string? Venue, List<AttendeeRequest>? Attendees, List<ApologyRequest>? Apologies);

public sealed record AttendeeRequest(string? Name, string? Constituency, string? Organisation, bool? Teleconference, string? AlternateFor, bool? PartOnly, string? Role);

public sealed record ApologyRequest(string? Name, string? Constituency, string? Organisation);

/// <summary>
/// SECAS records who met, where and when. Recording it again corrects it; the history keeps both. The attendance may
/// be left out when the meeting is a record of its own: its attendance is the one the case's documents print.
/// </summary>
public static partial class RecordMeeting
{
    public const int MaxPeople = 200;

    public static (MeetingRecorded? Event, Rejection? Rejection) Validate(MeetingRequest request)
    {
        var v = new Validator();
        var date = v.Required(request.Date, "date");
        var start = Time(v, request.StartTime, "startTime");
        var end = Time(v, request.EndTime, "endTime");
        if (start is not null && end is not null) v.Check(string.CompareOrdinal(start, end) < 0, "endTime", "The meeting must end after it starts.");
        var venue = v.Text(request.Venue, "venue");

        // Optional here: a meeting recorded as a meeting of its own (PUT /api/meetings/{id}/attendance) holds the one copy,
        // and the case's documents read it from there.
        var (people, apologies) = Attendance(v, request.Attendees, request.Apologies, required: false);

        return v.ToRejection() is { } rejection
            ? (null, rejection)
            : (new MeetingRecorded("", date, start, end, venue, people, apologies), null);
    }

    public static Decision Decide(CaseState state, MeetingRecorded meeting)
    {
        if (CaseRules.Live(state) is { } refused) return refused;
        if (state.ReviewOpened is not { } review) return Rejection.OutOfOrder("Open the review first (POST /review).");
        if (state.MinutesApproved is not null) return Rejection.OutOfOrder("The minutes were approved as final; the meeting record is closed.");
        return Decision.Accept(meeting with { MeetingId = review.MeetingId });
    }

    /// <summary>Who attended and who sent apologies, checked the same wherever attendance is recorded (a case's meeting, a meeting record).</summary>
    public static (List<Attendee> Attendees, List<Apology> Apologies) Attendance(Validator v, List<AttendeeRequest>? attendees, List<ApologyRequest>? apologies, bool required = true)
    {
        var listed = v.List(attendees, "attendees", MaxPeople, required);
        v.Check(attendees is null || listed.Count > 0, "attendees", "At least one attendee.");
        var people = listed.Select((a, i) => Attendee(v, a, $"attendees[{i}]")).ToList();
        var sent = v.List(apologies, "apologies", MaxPeople)
            .Select((a, i) => new Apology(
                v.Text(a.Name, $"apologies[{i}].name"),
                v.Enum<Constituency>(a.Constituency, $"apologies[{i}].constituency"),
                v.OptionalText(a.Organisation, $"apologies[{i}].organisation")))
            .ToList();
        foreach (var twice in people.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            v.Add("attendees", $"{twice.Key} is listed twice.");
        return (people, sent);
    }

    private static Attendee Attendee(Validator v, AttendeeRequest a, string field)
    {
        var constituency = v.Enum<Constituency>(a.Constituency, field + ".constituency");
        var organisation = v.OptionalText(a.Organisation, field + ".organisation");
        if (constituency == Constituency.OtherParticipant) v.Check(organisation is not null, field + ".organisation", "Say which organisation the participant represents (e.g. DCC, SECAS, TAG, BEIS).");
        return new Attendee(
            v.Text(a.Name, field + ".name"),
            constituency,
            organisation,
            a.Teleconference ?? false,
            v.OptionalText(a.AlternateFor, field + ".alternateFor"),
            a.PartOnly ?? false,
            v.OptionalText(a.Role, field + ".role"));
    }

    private static string? Time(Validator v, string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        v.Check(TimePattern().IsMatch(value), field, "Use 24-hour hh:mm, e.g. 12:30.");
        return value;
    }

    [GeneratedRegex("^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    private static partial Regex TimePattern();
}
