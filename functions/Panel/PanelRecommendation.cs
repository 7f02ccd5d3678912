using Opsg.Functions.Cases;
using Opsg.Functions.Review;

namespace Opsg.Functions.Panel;

public enum RecommendationOutcome
{
    /// <summary>Not every LSC in OPSG scope has a decision yet.</summary>
    Undetermined,
    Proceed,
    ProceedSubjectToConditions,
    DoNotProceed,
}

public sealed record CriterionCondition(int Lsc, string Condition, bool Discharged, string? DischargeNote);

public sealed record Recommendation(
    RecommendationOutcome Outcome,
    string Summary,
    IReadOnlyList<CriterionCondition> Conditions,
    IReadOnlyList<int> NotAccepted,
    IReadOnlyList<int> Undecided)
{
    public IReadOnlyList<int> OpenConditionLscs => Conditions.Where(c => !c.Discharged).Select(c => c.Lsc).ToList();
}

/// <summary>The recommendation to the SEC Panel is derived from the decisions and notes, never typed in.</summary>
public static class PanelRecommendation
{
    public static Recommendation For(CaseState state)
    {
        var scope = state.Submission?.OpsgScope ?? [];
        var undecided = scope.Where(l => !state.CriterionDecisions.TryGetValue(l, out var d) || d.Decision == CriterionDecision.NoDecision).ToList();
        var notAccepted = state.CriterionDecisions.Values.Where(d => d.Decision == CriterionDecision.NotAccepted).Select(d => d.Lsc).ToList();
        var conditions = state.CriterionDecisions.Values
            .Where(d => d.Decision == CriterionDecision.AcceptedSubjectToCondition)
            .Select(d => Condition(state, d))
            .ToList();
        var ask = state.Submission?.Subject.PanelAsk ?? "proceed";

        var (outcome, summary) = (notAccepted, undecided, conditions.Where(c => !c.Discharged).Select(c => c.Lsc).ToList()) switch
        {
            ({ Count: > 0 }, _, _) => (RecommendationOutcome.DoNotProceed, $"Do not {ask}: {Plural("LSC", notAccepted)} not accepted."),
            (_, { Count: > 0 }, _) => (RecommendationOutcome.Undetermined, $"No recommendation yet: {Plural("LSC", undecided)} awaiting a decision."),
            (_, _, { Count: > 0 } open) => (RecommendationOutcome.ProceedSubjectToConditions, $"{Capitalise(ask)}, subject to the conditions on {Plural("LSC", open)}."),
            _ => (RecommendationOutcome.Proceed, $"{Capitalise(ask)}."),
        };
        return new Recommendation(outcome, summary, conditions, notAccepted, undecided);
    }

    private static CriterionCondition Condition(CaseState state, CriterionDecided decision)
    {
        // A condition resting on a residual risk falls away when that risk's caveat is discharged.
        var discharge = ReviewFacts.ConditionDischarge(state, decision);
        var text = decision.Condition ?? (decision.ConditionRisk is { } risk ? $"the provisions of Residual Risk {risk}" : "a stated condition");
        return new CriterionCondition(decision.Lsc, text, discharge is not null, discharge?.Text);
    }

    /// <summary>"LSC 2", "LSCs 2 and 3", "LSCs 2, 3 and 9".</summary>
    public static string Plural(string noun, IReadOnlyList<int> numbers) => numbers.Count switch
    {
        0 => $"no {noun}s",
        1 => $"{noun} {numbers[0]}",
        _ => $"{noun}s {string.Join(", ", numbers.Take(numbers.Count - 1))} and {numbers[^1]}",
    };

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
