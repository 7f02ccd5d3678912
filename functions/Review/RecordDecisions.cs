using Opsg.Functions.Cases;
using Opsg.Functions.Criteria;
using Opsg.Functions.Records;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Review;

public sealed record DecisionsRequest(List<CriterionDecisionRequest>? Criteria, List<RiskDecisionRequest>? Risks);

public sealed record CriterionDecisionRequest(int? Lsc, string? Decision, string? Condition, int? ConditionRisk, string? Rag, string? RagNote, string? Discussion,
    string? ConditionAction = null);

public sealed record RiskDecisionRequest(int? Number, string? Decision, string? ActionId, string? Discussion);

/// <summary>
/// What the OPSG decided at the meeting, per LSC in its scope and per residual risk. A later decision
/// on the same LSC or risk supersedes the earlier one; the history keeps both.
/// </summary>
public static class RecordDecisions
{
    public const int MaxEntries = 200;

    /// <summary>
    /// Each decision is one event and a case's append is one table batch (at most 100 rows with the
    /// header), so one request carries at most this many; a larger set is sent in parts.
    /// </summary>
    public const int MaxDecisionsPerRequest = 90;

    public static (IReadOnlyList<CaseEvent>? Events, Rejection? Rejection) Validate(DecisionsRequest request)
    {
        var v = new Validator();
        var criteria = v.List(request.Criteria, "criteria", MaxEntries);
        var risks = v.List(request.Risks, "risks", MaxEntries);
        v.Check(criteria.Count + risks.Count > 0, "criteria", "Give at least one decision on an LSC or a risk.");
        v.Check(criteria.Count + risks.Count <= MaxDecisionsPerRequest, "criteria", $"At most {MaxDecisionsPerRequest} decisions (LSCs and risks together) in one request; send the rest in another.");

        var events = new List<CaseEvent>();
        for (var i = 0; i < criteria.Count; i++) events.Add(Criterion(v, criteria[i], $"criteria[{i}]"));
        for (var i = 0; i < risks.Count; i++) events.Add(Risk(v, risks[i], $"risks[{i}]"));
        foreach (var twice in events.OfType<CriterionDecided>().GroupBy(c => c.Lsc).Where(g => g.Count() > 1))
            v.Add("criteria", $"LSC {twice.Key} is decided twice in one request.");
        foreach (var twice in events.OfType<RiskDecided>().GroupBy(r => r.Number).Where(g => g.Count() > 1))
            v.Add("risks", $"Risk {twice.Key} is decided twice in one request.");
        return v.ToRejection() is { } rejection ? (null, rejection) : (events, null);
    }

    public static Decision Decide(CaseState state, IReadOnlyList<CaseEvent> decisions)
    {
        if (ReviewRules.MeetingOpen(state) is { } refused) return refused;
        var v = new Validator();
        var scope = state.Submission!.OpsgScope;
        var catalogue = state.Catalogue;
        var riskNumbers = ReviewFacts.RiskNumbers(state);
        var index = 0;
        foreach (var decided in decisions.OfType<CriterionDecided>())
        {
            var field = $"criteria[{index++}]";
            if (v.CheckCited(catalogue, decided.Lsc, field + ".lsc"))
                v.Check(scope.Contains(decided.Lsc), field + ".lsc", $"LSC {decided.Lsc} is not in the OPSG's scope ({string.Join(", ", scope)}).");
            ConditionTerms.CheckRisk(v, riskNumbers, decided.ConditionRisk, field);
            if (decided.ConditionAction is { } delivering)
                v.Check(state.Actions.Any(a => a.Raised.ActionId == delivering), field + ".conditionAction", $"There is no action {delivering}; raise it first (POST /actions).");
        }
        index = 0;
        foreach (var decided in decisions.OfType<RiskDecided>())
        {
            var field = $"risks[{index++}]";
            v.Check(riskNumbers.Contains(decided.Number), field + ".number", $"There is no residual risk {decided.Number}; add it first (POST /risks).");
            if (decided.ActionId is { } action) v.Check(state.Actions.Any(a => a.Raised.ActionId == action), field + ".actionId", $"There is no action {action}; raise it first (POST /actions).");
        }
        return v.ToRejection() is { } rejection ? rejection : Decision.Accept(decisions);
    }

    private static CriterionDecided Criterion(Validator v, CriterionDecisionRequest c, string field)
    {
        var lsc = v.Required(c.Lsc, field + ".lsc");
        var decision = v.Enum<CriterionDecision>(c.Decision, field + ".decision");
        var condition = ConditionTerms.Read(v, decision, c.Condition, c.ConditionRisk, field);
        return new CriterionDecided(
            lsc,
            decision,
            condition,
            c.ConditionRisk,
            v.Enum<Rag>(c.Rag, field + ".rag"),
            v.OptionalText(c.RagNote, field + ".ragNote"),
            v.OptionalText(c.Discussion, field + ".discussion", Validator.MaxLongText),
            ConditionAction(v, decision, c.ConditionAction, field));
    }

    /// <summary>The action that delivers the condition, named only on an acceptance subject to a condition.</summary>
    private static string? ConditionAction(Validator v, CriterionDecision decision, string? action, string field)
    {
        var named = v.OptionalText(action, field + ".conditionAction", 40);
        if (named is not null)
            v.Check(decision == CriterionDecision.AcceptedSubjectToCondition, field + ".conditionAction", "Only a condition is delivered by an action.");
        return named;
    }

    private static RiskDecided Risk(Validator v, RiskDecisionRequest r, string field)
    {
        var decision = v.Enum<RiskDecision>(r.Decision, field + ".decision");
        var action = v.OptionalText(r.ActionId, field + ".actionId", 40);
        if (decision == RiskDecision.AcceptedSubjectToAction)
            v.Check(action is not null, field + ".actionId", "Name the action the acceptance depends on.");
        return new RiskDecided(v.Required(r.Number, field + ".number"), decision, action, v.OptionalText(r.Discussion, field + ".discussion", Validator.MaxLongText));
    }
}
