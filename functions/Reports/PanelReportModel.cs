using Opsg.Functions.Cases;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Reports;

/// <summary>The one consolidated OPSG/TAG report the SEC Panel receives.</summary>
public sealed record PanelReportModel(
    DocumentHeader Header,
    string CaseTitle,
    Subject Subject,
    Cohort Cohort,
    int TotalInstallations,
    DateOnly MeetingDate,
    RecommendationView Recommendation,
    IReadOnlyList<LscRow> Criteria,
    TrustedHtml RagGrid,
    bool TagViewReceived,
    IReadOnlyList<RiskRow> Risks,
    TrustedHtml RiskSummary,
    IReadOnlyList<ActionRow> OpenActions,
    bool HasOpenActions,
    int ClosedActions,
    string ClosedActionsNote)
{
    public static PanelReportModel From(CaseState state)
    {
        var meeting = state.Meeting ?? throw new InvalidOperationException("No meeting has been recorded.");
        var submission = state.Submission ?? throw new InvalidOperationException("Nothing has been submitted.");
        var criteria = ReportRows.Criteria(state);
        var risks = ReportRows.Risks(state);
        var actions = ReportRows.Actions(state);
        var open = actions.Where(a => a.IsOpen).ToList();
        return new PanelReportModel(
            DocumentHeader.For(state, "_PR", "Consolidated OPSG and TAG report to the SEC Panel", DocumentHeader.DraftOrFinal(state)),
            state.Opened!.Title,
            submission.Subject,
            submission.Cohort,
            submission.Cohort.ActiveInstallations + submission.Cohort.DormantInstallations,
            meeting.Date,
            RecommendationView.For(state),
            criteria,
            RagGridPicture.Draw(criteria),
            state.TagView is not null,
            risks,
            RiskSummaryPicture.Draw(risks),
            open,
            open.Count > 0,
            actions.Count - open.Count,
            ClosedNote(actions.Count, actions.Count - open.Count));
    }

    /// <summary>"No action raised at the meeting has been closed." / "1 action … has been closed." / "2 actions … have been closed."</summary>
    public static string ClosedNote(int raised, int closed) => (raised, closed) switch
    {
        (0, _) => "The meeting raised no actions.",
        (_, 0) => "No action raised at the meeting has been closed.",
        (_, 1) => "1 action raised at the meeting has been closed.",
        _ => $"{ReportFormats.Thousands(closed)} actions raised at the meeting have been closed.",
    };
}
