using Opsg.Functions.Cases;
using Opsg.Functions.Criteria;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Panel;

public enum RecommendationOutcome
{
    /// <summary>Not every LSC in OPSG scope has a decision yet (an agreed status alone counts as one).</summary>
    Undetermined,
    Proceed,
    ProceedSubjectToConditions,
    DoNotProceed,
}

/// <summary>An LSC as one body decided it.</summary>
public sealed record CriterionOf(Body Body, int Lsc);

public sealed record Recommendation(
    RecommendationOutcome Outcome,
    string Summary,
    IReadOnlyList<CriterionCondition> Conditions,
    IReadOnlyList<CriterionOf> NotAccepted,
    IReadOnlyList<int> Undecided)
{
    public IReadOnlyList<int> OpenConditionLscs => Conditions.Where(c => !c.Discharged).Select(c => c.Lsc).ToList();
}

/// <summary>
/// The one recommendation to the SEC Panel, consolidating the OPSG's decisions and the TAG's view; derived
/// from the record, never typed in. Either body's "not accepted" stops it; either body's open conditions
/// qualify it, each named with the body that set it. Whether a condition is open is read from
/// <see cref="Review.Conditions"/>, never worked out here.
/// </summary>
public static class PanelRecommendation
{
    public static Recommendation For(CaseState state)
    {
        var scope = state.Submission?.OpsgScope ?? [];
        // Only "no decision" waits: a status agreed without accepting or rejecting the statement is a decision made.
        var undecided = scope.Where(l => !state.CriterionDecisions.TryGetValue(l, out var d) || d.Decision == CriterionDecision.NoDecision).ToList();
        var notAccepted = state.CriterionDecisions.Values.Where(d => d.Decision == CriterionDecision.NotAccepted).Select(d => new CriterionOf(Body.Opsg, d.Lsc))
            .Concat((state.TagView?.Criteria ?? []).Where(t => t.Decision == CriterionDecision.NotAccepted).Select(t => new CriterionOf(Body.Tag, t.Lsc)))
            .OrderBy(c => c.Body).ThenBy(c => c.Lsc)
            .ToList();
        var conditions = Review.Conditions.Of(state);
        var open = conditions.Where(c => !c.Discharged).Select(c => new CriterionOf(c.SetBy, c.Lsc)).ToList();
        var ask = state.Submission?.Subject.PanelAsk ?? "proceed";

        var (outcome, summary) = (notAccepted, undecided, open) switch
        {
            ({ Count: > 0 }, _, _) => (RecommendationOutcome.DoNotProceed, $"Do not {ask}: {NotAcceptedPhrase(notAccepted)}."),
            (_, { Count: > 0 }, _) => (RecommendationOutcome.Undetermined, $"No recommendation yet: {Lscs.Named(undecided)} awaiting a decision."),
            (_, _, { Count: > 0 }) => (RecommendationOutcome.ProceedSubjectToConditions, $"{Capitalise(ask)}, subject to {ConditionsPhrase(open)}."),
            _ => (RecommendationOutcome.Proceed, $"{Capitalise(ask)}."),
        };
        return new Recommendation(outcome, summary, conditions, notAccepted, undecided);
    }

    /// <summary>"the OPSG's conditions on LSCs 2 and 5 and the TAG's condition on LSC 7".</summary>
    private static string ConditionsPhrase(IReadOnlyList<CriterionOf> open) =>
        string.Join(" and ", ByBody(open).Select(g => $"the {BodyName(g.Key)}'s {(g.Value.Count == 1 ? "condition" : "conditions")} on {Lscs.Named(g.Value)}"));

    /// <summary>"LSCs 2 and 6 not accepted by the OPSG; LSC 4 not accepted by the TAG".</summary>
    private static string NotAcceptedPhrase(IReadOnlyList<CriterionOf> notAccepted) =>
        string.Join("; ", ByBody(notAccepted).Select(g => $"{Lscs.Named(g.Value)} not accepted by the {BodyName(g.Key)}"));

    private static IEnumerable<KeyValuePair<Body, IReadOnlyList<int>>> ByBody(IEnumerable<CriterionOf> criteria) =>
        criteria.GroupBy(c => c.Body).OrderBy(g => g.Key)
            .Select(g => new KeyValuePair<Body, IReadOnlyList<int>>(g.Key, g.Select(c => c.Lsc).Order().ToList()));

    /// <summary>"OPSG", "TAG": how the documents name each body.</summary>
    public static string BodyName(Body body) => body == Body.Tag ? "TAG" : "OPSG";


    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
