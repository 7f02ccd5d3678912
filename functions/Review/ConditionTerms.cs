using Opsg.Functions.Records;

namespace Opsg.Functions.Review;

/// <summary>
/// How a criterion decision states its condition, the same for the OPSG's decisions and the TAG's view:
/// "accepted subject to a condition" carries a stated condition, the residual risk whose provisions
/// apply (conditionRisk), or both; no other decision carries either.
/// </summary>
public static class ConditionTerms
{
    /// <summary>Checks the condition fields of one decision at <paramref name="field"/>; returns the condition text.</summary>
    public static string? Read(Validator v, CriterionDecision decision, string? condition, int? conditionRisk, string field)
    {
        var text = v.OptionalText(condition, field + ".condition", Validator.MaxLongText);
        if (decision == CriterionDecision.AcceptedSubjectToCondition)
            v.Check(text is not null || conditionRisk is not null, field + ".condition", "State the condition, or the residual risk whose provisions apply (conditionRisk).");
        else
            v.Check(text is null && conditionRisk is null, field + ".condition", "Only a decision 'acceptedSubjectToCondition' carries a condition.");
        return text;
    }

    /// <summary>A condition can only rest on a residual risk the case has.</summary>
    public static void CheckRisk(Validator v, IReadOnlySet<int> riskNumbers, int? conditionRisk, string field)
    {
        if (conditionRisk is { } risk) v.Check(riskNumbers.Contains(risk), field + ".conditionRisk", $"There is no residual risk {risk}.");
    }
}
