using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Meetings;

/// <summary>
/// The Panel feedback item's automatic part: every Panel decision recorded on a readiness case since the last meeting
/// (after its date, up to this one's), oldest first; pure.
/// </summary>
public static class PanelFeedback
{
    public static IReadOnlyList<string> Since(IEnumerable<CaseState> cases, DateOnly? lastMeeting, DateOnly thisMeeting) =>
        cases.Where(c => c.Exists && c.PanelDecision is { } d && (lastMeeting is null || d.On > lastMeeting) && d.On <= thisMeeting)
            .OrderBy(c => c.PanelDecision!.On).ThenBy(c => c.Opened!.Title, StringComparer.Ordinal)
            .Select(c => Line(c.Opened!.Title, c.PanelDecision!))
            .ToList();

    /// <summary>"SMETS1 MOC readiness: approved with conditions by the SEC Panel on 20 March 2020."</summary>
    private static string Line(string title, PanelDecisionRecorded decision)
    {
        var outcome = decision.Outcome switch
        {
            PanelOutcome.Approved => "approved",
            PanelOutcome.ApprovedWithConditions => "approved with conditions",
            PanelOutcome.Rejected => "rejected",
            _ => "deferred",
        };
        return $"{title}: {outcome} by the SEC Panel on {ReportFormats.LongDate(decision.On)}{(decision.Note is { } note ? $" ({note.TrimEnd('.')})" : "")}.";
    }

    /// <summary>The date of the meeting held last before this one, if the system knows one.</summary>
    public static DateOnly? LastMeetingBefore(IEnumerable<MeetingState> meetings, MeetingState meeting) =>
        MeetingState.HeldLastBefore(meetings, meeting)?.Scheduled!.Date;
}
