using Opsg.Functions.Cases;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Panel;

/// <summary>
/// The review as participants read it: each LSC with the DCC's statement and the OPSG and TAG views,
/// each risk with its decision, each action with its target history, and the derived recommendation.
/// A pure projection of the state.
/// </summary>
public sealed record ReviewView(
    string CaseId,
    long Version,
    string Stage,
    string Catalogue,
    int SubmissionVersion,
    Subject? Subject,
    Cohort? Cohort,
    ReviewOpened? Review,
    MeetingRecorded? Meeting,
    IReadOnlyList<ReviewView.CriterionRow> Criteria,
    IReadOnlyList<ReviewView.RiskRow> Risks,
    IReadOnlyList<ActionView> Actions,
    IReadOnlyList<PostMeetingNoteAdded> Notes,
    IReadOnlyList<EvidenceAttached> Evidence,
    Recommendation Recommendation,
    PanelDecisionRecorded? PanelDecision,
    MinutesApproved? MinutesApproved)
{
    /// <summary>One LSC of the case: its title from the case's catalogue, the DCC's statement, and each body's view.</summary>
    public sealed record CriterionRow(int Lsc, string Scope, string? Title, string? Statement, OpsgView? Opsg, TagCriterionRow? Tag);

    public sealed record OpsgView(CriterionDecision Decision, Rag Rag, string? RagNote, string? Condition, int? ConditionRisk, bool? ConditionDischarged, string? Discussion);

    public sealed record TagCriterionRow(CriterionDecision Decision, Rag Rag, string Commentary, string? Condition, int? ConditionRisk, bool? ConditionDischarged);

    /// <param name="Standing">What the risk is now: the OPSG's decision, or where the TAG's view has settled a removal it left pending, <c>removed</c> or <c>accepted</c>.</param>
    /// <param name="TagRemoval">The TAG's view on removing the risk, where it gave one.</param>
    public sealed record RiskRow(
        int Number, string Title, string RaisedBy, string Explanation, RiskProposal? Proposal, RiskDecided? Decision, bool? CaveatDischarged, string? TagView,
        RiskDecision? Standing = null, RiskRemoval? TagRemoval = null);

    /// <param name="stage">Where the case stands (the case's process says; see Orchestration/CaseProcess).</param>
    public static ReviewView From(CaseState s, string stage)
    {
        var submission = s.Submission;
        var criteria = (submission?.OpsgScope.Select(l => (Lsc: l, Scope: "opsg")) ?? [])
            .Concat(submission?.TagScope.Select(l => (Lsc: l, Scope: "tag")) ?? [])
            .OrderBy(c => c.Lsc)
            .Select(c => Criterion(s, c.Lsc, c.Scope))
            .ToList();
        var dccRisks = submission?.Risks.Select(r => new RiskRow(r.Number, r.Title, "DCC", r.Explanation, r.Proposal, null, null, null)) ?? [];
        var addedRisks = s.AddedRisks.Select(r => new RiskRow(r.Number, r.Title, r.RaisedBy, r.Explanation, null, null, null, null));
        var risks = dccRisks.Concat(addedRisks).OrderBy(r => r.Number).Select(r => WithDecision(s, r)).ToList();
        return new ReviewView(
            s.CaseId,
            s.Version,
            stage,
            s.Catalogue.Id,
            s.Submissions.Count,
            submission?.Subject,
            submission?.Cohort,
            s.ReviewOpened,
            s.Meeting,
            criteria,
            risks,
            s.Actions.Select(ActionView.Of).ToList(),
            s.Notes,
            s.Evidence,
            PanelRecommendation.For(s),
            s.PanelDecision,
            s.MinutesApproved);
    }

    private static CriterionRow Criterion(CaseState s, int lsc, string scope)
    {
        var statement = s.Submission!.Criteria.FirstOrDefault(c => c.Lsc == lsc);
        OpsgView? opsg = null;
        if (s.CriterionDecisions.TryGetValue(lsc, out var d))
            opsg = new OpsgView(d.Decision, d.Rag, d.RagNote, d.Condition, d.ConditionRisk, Discharged(s, Body.Opsg, lsc), d.Discussion);
        TagCriterionRow? tag = null;
        if (s.TagView?.Criteria.FirstOrDefault(t => t.Lsc == lsc) is { } t)
            tag = new TagCriterionRow(t.Decision, t.Rag, t.Commentary, t.Condition, t.ConditionRisk, Discharged(s, Body.Tag, lsc));
        return new CriterionRow(lsc, scope, s.Catalogue.TitleOf(lsc), statement?.Statement, opsg, tag);
    }

    /// <summary>Null where the body set no condition on the LSC.</summary>
    private static bool? Discharged(CaseState s, Body body, int lsc) => Conditions.On(s, body, lsc)?.Discharged;

    private static RiskRow WithDecision(CaseState s, RiskRow row)
    {
        var tag = s.TagView?.Risks.FirstOrDefault(t => t.Number == row.Number);
        return row with
        {
            Decision = s.RiskDecisions.GetValueOrDefault(row.Number),
            CaveatDischarged = Conditions.CaveatOn(s, row.Number)?.Discharged,
            TagView = tag?.View,
            Standing = RiskStandings.On(s, row.Number)?.Now,
            TagRemoval = tag?.Removal,
        };
    }
}
