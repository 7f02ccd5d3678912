using Opsg.Functions.Cases;
using Opsg.Functions.Criteria;
using Opsg.Functions.Records;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Review;

public sealed record TagViewRequest(List<TagCriterionRequest>? Criteria, List<TagRiskRequest>? Risks);

public sealed record TagCriterionRequest(int? Lsc, string? Decision, string? Condition, int? ConditionRisk, string? Rag, string? Commentary);

public sealed record TagRiskRequest(int? Number, string? View, string? Removal);

/// <summary>
/// The Testing Advisory Group's view, reviewed in parallel: per LSC in its scope, and per risk where it
/// gives one. Its decisions take the same condition fields, checked the same way, as the OPSG's. On a
/// risk it may also approve its removal or not, which settles a removal the OPSG left pending on it.
/// </summary>
public static class TagView
{
    public static (TagViewRecorded? Event, Rejection? Rejection) Validate(TagViewRequest request)
    {
        var v = new Validator();
        var criteria = v.List(request.Criteria, "criteria", RecordDecisions.MaxEntries)
            .Select((c, i) => Criterion(v, c, $"criteria[{i}]"))
            .ToList();
        var risks = v.List(request.Risks, "risks", RecordDecisions.MaxEntries)
            .Select((r, i) => new TagRiskView(
                v.Required(r.Number, $"risks[{i}].number"),
                v.Text(r.View, $"risks[{i}].view", Validator.MaxLongText),
                v.OptionalEnum<RiskRemoval>(r.Removal, $"risks[{i}].removal")))
            .ToList();
        // The TAG's view may arrive before the submission and is then kept, so check what can be checked now.
        for (var i = 0; i < criteria.Count; i++)
            if (request.Criteria![i].Lsc is not null) v.Check(criteria[i].Lsc is >= 1 and <= Submissions.SubmitReadiness.MaxLsc, $"criteria[{i}].lsc", $"LSC numbers run from 1 to {Submissions.SubmitReadiness.MaxLsc}.");
        for (var i = 0; i < risks.Count; i++)
            if (request.Risks![i].Number is not null) v.Check(risks[i].Number is >= 1 and <= 999, $"risks[{i}].number", "Risk numbers run from 1 to 999.");
        v.Check(criteria.Count + risks.Count > 0, "criteria", "Give the TAG's view on at least one LSC or risk.");
        foreach (var twice in criteria.GroupBy(c => c.Lsc).Where(g => g.Count() > 1)) v.Add("criteria", $"LSC {twice.Key} appears twice.");
        foreach (var twice in risks.GroupBy(r => r.Number).Where(g => g.Count() > 1)) v.Add("risks", $"Risk {twice.Key} appears twice.");
        return v.ToRejection() is { } rejection ? (null, rejection) : (new TagViewRecorded(criteria, risks), null);
    }

    private static TagCriterionView Criterion(Validator v, TagCriterionRequest c, string field)
    {
        var lsc = v.Required(c.Lsc, field + ".lsc");
        var decision = v.Enum<CriterionDecision>(c.Decision, field + ".decision");
        var condition = ConditionTerms.Read(v, decision, c.Condition, c.ConditionRisk, field);
        return new TagCriterionView(
            lsc,
            decision,
            v.Enum<Rag>(c.Rag, field + ".rag"),
            v.Text(c.Commentary, field + ".commentary", Validator.MaxLongText),
            condition,
            c.ConditionRisk);
    }

    /// <summary>What holds however early the view arrives: the case's catalogue is known from the start.</summary>
    public static Rejection? Admit(CaseState state, TagViewRecorded view)
    {
        var v = new Validator();
        var catalogue = state.Catalogue;
        for (var i = 0; i < view.Criteria.Count; i++)
            v.CheckCited(catalogue, view.Criteria[i].Lsc, $"criteria[{i}].lsc");
        return v.ToRejection();
    }

    /// <summary>Once the case waits for the view: each LSC in the TAG's scope, each risk (and each risk a condition rests on) one the case has.</summary>
    public static Rejection? Check(CaseState state, TagViewRecorded view)
    {
        if (Admit(state, view) is { } outsideCatalogue) return outsideCatalogue;
        var v = new Validator();
        var scope = state.Submission!.TagScope;
        var risks = ReviewFacts.RiskNumbers(state);
        for (var i = 0; i < view.Criteria.Count; i++)
        {
            v.Check(scope.Contains(view.Criteria[i].Lsc), $"criteria[{i}].lsc", $"LSC {view.Criteria[i].Lsc} is not in the TAG's scope ({string.Join(", ", scope)}).");
            ConditionTerms.CheckRisk(v, risks, view.Criteria[i].ConditionRisk, $"criteria[{i}]");
        }
        for (var i = 0; i < view.Risks.Count; i++)
            v.Check(risks.Contains(view.Risks[i].Number), $"risks[{i}].number", $"There is no residual risk {view.Risks[i].Number}.");
        return v.ToRejection();
    }
}
