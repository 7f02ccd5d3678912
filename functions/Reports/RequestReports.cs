using Opsg.Functions.Cases;
using Opsg.Functions.Criteria;
using Opsg.Functions.Panel;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Reports;

public sealed record ReportsRequest(List<string>? Kinds);

/// <summary>SECAS asks for documents; each must make sense at the case's stage, or nothing is scheduled.</summary>
public static class RequestReports
{
    public static (ReportsRequested? Event, Rejection? Rejection) Validate(ReportsRequest request)
    {
        var v = new Validator();
        var kinds = request.Kinds ?? [];
        v.Check(kinds.Count > 0, "kinds", $"Name at least one of: {string.Join(", ", ReportKinds.All)}.");
        foreach (var kind in kinds.Where(k => !ReportKinds.All.Contains(k)).Distinct())
            v.Add("kinds", $"'{kind}' is not a report; use one of: {string.Join(", ", ReportKinds.All)}.");
        foreach (var twice in kinds.GroupBy(k => k).Where(g => g.Count() > 1)) v.Add("kinds", $"'{twice.Key}' appears twice.");
        return v.ToRejection() is { } rejection ? (null, rejection) : (new ReportsRequested(kinds), null);
    }

    public static Decision Decide(CaseState state, ReportsRequested requested)
    {
        if (!state.Exists) return CaseRules.NotFound(state.CaseId);
        if (state.IsTerminated) return Rejection.OutOfOrder("The case was terminated.");
        var reasons = requested.Kinds.Select(k => WhyNotYet(state, k)).OfType<string>().ToList();
        return reasons.Count > 0 ? Rejection.OutOfOrder(string.Join(" ", reasons)) : Decision.Accept(requested);
    }

    /// <summary>Why a document cannot be produced yet, or null when it can.</summary>
    public static string? WhyNotYet(CaseState state, string kind) => kind switch
    {
        _ when state.Submission is null => $"No {kind} before the DCC has submitted its readiness statement.",
        ReportKinds.DraftMinutes or ReportKinds.ActionsRegister when state.Meeting is null => $"No {kind} before the meeting has been recorded.",
        ReportKinds.PanelReport when state.Meeting is null => "No panel-report before the meeting has been recorded.",
        ReportKinds.PanelReport when PanelRecommendation.For(state) is { Outcome: RecommendationOutcome.Undetermined } r =>
            $"No panel-report while {Lscs.Named(r.Undecided)} in OPSG scope await a decision.",
        _ => null,
    };
}
