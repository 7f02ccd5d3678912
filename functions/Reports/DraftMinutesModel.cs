using Opsg.Functions.Cases;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Reports;

/// <summary>The minutes of the review meeting, with post-meeting notes in brackets where they belong.</summary>
public sealed record DraftMinutesModel(
    DocumentHeader Header,
    string CaseTitle,
    string MeetingId,
    DateOnly MeetingDate,
    string Time,
    bool HasTime,
    string Venue,
    Subject Subject,
    Cohort Cohort,
    Attendance Attendance,
    IReadOnlyList<RiskRow> Risks,
    IReadOnlyList<LscRow> Criteria,
    IReadOnlyList<ActionRow> Actions,
    RecommendationView Recommendation,
    IReadOnlyList<NoteLine> MeetingNotes,
    bool HasMeetingNotes)
{
    public bool HasActions => Actions.Count > 0;

    /// <summary>Why the risk numbers have gaps, where they have: empty when the DCC's risks run 1, 2, 3… without one.</summary>
    public string RiskNumbering { get; init; } = "";

    public bool HasRiskNumbering => RiskNumbering.Length > 0;

    public static DraftMinutesModel From(CaseState state)
    {
        var meeting = state.Meeting ?? throw new InvalidOperationException("No meeting has been recorded.");
        var submission = state.Submission ?? throw new InvalidOperationException("Nothing has been submitted.");
        var time = meeting.StartTime is { } start ? meeting.EndTime is { } end ? $"{start} – {end}" : start : "";
        var notes = ReportRows.MeetingNotes(state);
        return new DraftMinutesModel(
            DocumentHeader.For(state, "", "Minutes of the Operations Group meeting", DocumentHeader.DraftOrFinal(state)),
            state.Opened!.Title,
            meeting.MeetingId,
            meeting.Date,
            time,
            time.Length > 0,
            meeting.Venue,
            submission.Subject,
            submission.Cohort,
            ReportRows.Attendance(state),
            ReportRows.Risks(state),
            ReportRows.Criteria(state).Where(c => c.Scope == "OPSG").ToList(),
            ReportRows.Actions(state),
            RecommendationView.For(state),
            notes,
            notes.Count > 0)
        {
            RiskNumbering = NumberingHasGaps(submission.Risks.Select(r => r.Number))
                ? "The DCC has kept the numbering of its earlier submission, so the numbers have gaps where risks from that submission are no longer listed."
                : "",
        };
    }

    // A risk keeps its number from earlier submissions (numbers are unique), so any number above the count means a gap.
    private static bool NumberingHasGaps(IEnumerable<int> numbers)
    {
        var list = numbers.ToList();
        return list.Count > 0 && list.Max() > list.Count;
    }
}
