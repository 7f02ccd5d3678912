using Opsg.Functions.Cases;

namespace Opsg.Functions.Review;

public sealed record TagViewRequest(List<TagCriterionRequest>? Criteria, List<TagRiskRequest>? Risks);

public sealed record TagCriterionRequest(int? Lsc, string? Decision, string? Rag, string? Commentary);

public sealed record TagRiskRequest(int? Number, string? View);

/// <summary>The Testing Advisory Group's view, reviewed in parallel: per LSC in its scope, and per risk where it gives one.</summary>
public static class TagView
{
    public static (TagViewRecorded? Event, Rejection? Rejection) Validate(TagViewRequest request)
    {
        var v = new Validator();
        var criteria = v.List(request.Criteria, "criteria", RecordDecisions.MaxEntries)
            .Select((c, i) => new TagCriterionView(
                v.Required(c.Lsc, $"criteria[{i}].lsc"),
                v.Enum<CriterionDecision>(c.Decision, $"criteria[{i}].decision"),
                v.Enum<Rag>(c.Rag, $"criteria[{i}].rag"),
                v.Text(c.Commentary, $"criteria[{i}].commentary", Validator.MaxLongText)))
            .ToList();
        var risks = v.List(request.Risks, "risks", RecordDecisions.MaxEntries)
            .Select((r, i) => new TagRiskView(v.Required(r.Number, $"risks[{i}].number"), v.Text(r.View, $"risks[{i}].view", Validator.MaxLongText)))
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

    /// <summary>The case waits for the TAG view once it knows the TAG's scope, i.e. once the DCC has submitted.</summary>
    public static bool Awaited(CaseState state) => state.Submission is not null && state.MinutesApproved is null;

    public static Rejection? Check(CaseState state, TagViewRecorded view)
    {
        var v = new Validator();
        var scope = state.Submission!.TagScope;
        var risks = ReviewFacts.RiskNumbers(state);
        for (var i = 0; i < view.Criteria.Count; i++)
            v.Check(scope.Contains(view.Criteria[i].Lsc), $"criteria[{i}].lsc", $"LSC {view.Criteria[i].Lsc} is not in the TAG's scope ({string.Join(", ", scope)}).");
        for (var i = 0; i < view.Risks.Count; i++)
            v.Check(risks.Contains(view.Risks[i].Number), $"risks[{i}].number", $"There is no residual risk {view.Risks[i].Number}.");
        return v.ToRejection();
    }
}
