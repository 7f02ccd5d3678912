using Opsg.Functions.Cases;
using Opsg.Functions.Criteria;
using Opsg.Functions.Records;

namespace Opsg.Functions.Submissions;

public sealed record SubmissionRequest(
    SubjectRequest? Subject,
    CohortRequest? Cohort,
    List<int>? OpsgScope,
    List<int>? TagScope,
    List<CriterionRequest>? Criteria,
    List<RiskRequest>? Risks);

public sealed record SubjectRequest(string? Capability, string? DeviceModelCombination, string? PanelAsk);

public sealed record CohortRequest(int? ActiveInstallations, int? DormantInstallations);

/// <summary>The DCC's statement against one LSC; the LSC's title comes from the case's catalogue.</summary>
public sealed record CriterionRequest(int? Lsc, string? Statement);

public sealed record RiskRequest(int? Number, string? Title, string? Explanation, string? Proposal);

/// <summary>
/// The DCC submits (or, before the meeting, amends) its readiness statement. Every LSC it cites, in a
/// scope or a statement, must be in the case's criteria catalogue.
/// </summary>
public static class SubmitReadiness
{
    /// <summary>No catalogue goes beyond this; the case's own catalogue is checked when the submission is decided.</summary>
    public const int MaxLsc = 99;

    public static (ReadinessSubmitted? Event, Rejection? Rejection) Validate(SubmissionRequest request)
    {
        var v = new Validator();
        var subject = new Subject(
            v.Text(request.Subject?.Capability, "subject.capability"),
            v.Text(request.Subject?.DeviceModelCombination, "subject.deviceModelCombination"),
            v.Text(request.Subject?.PanelAsk, "subject.panelAsk"));
        var active = v.Required(request.Cohort?.ActiveInstallations, "cohort.activeInstallations");
        var dormant = v.Required(request.Cohort?.DormantInstallations, "cohort.dormantInstallations");
        v.Check(active >= 0, "cohort.activeInstallations", "Cannot be negative.");
        v.Check(dormant >= 0, "cohort.dormantInstallations", "Cannot be negative.");

        var opsg = Scope(v, request.OpsgScope, "opsgScope");
        var tag = Scope(v, request.TagScope, "tagScope");
        foreach (var both in opsg.Intersect(tag)) v.Add("tagScope", $"LSC {both} is already in OPSG scope.");

        var criteria = new List<CriterionStatement>();
        var criteriaRequests = request.Criteria ?? [];
        v.Check(criteriaRequests.Count > 0, "criteria", "Give a readiness statement for each LSC in OPSG scope.");
        for (var i = 0; i < criteriaRequests.Count; i++)
        {
            var c = criteriaRequests[i];
            var lsc = v.Required(c.Lsc, $"criteria[{i}].lsc");
            if (c.Lsc is not null && !opsg.Contains(lsc) && !tag.Contains(lsc)) v.Add($"criteria[{i}].lsc", $"LSC {lsc} is in neither OPSG nor TAG scope.");
            if (criteria.Any(x => x.Lsc == lsc)) v.Add($"criteria[{i}].lsc", $"LSC {lsc} appears twice.");
            criteria.Add(new CriterionStatement(lsc, v.Text(c.Statement, $"criteria[{i}].statement", Validator.MaxLongText)));
        }
        foreach (var missing in opsg.Except(criteria.Select(c => c.Lsc))) v.Add("criteria", $"No readiness statement for LSC {missing}.");

        var risks = new List<RiskStatement>();
        var riskRequests = request.Risks ?? [];
        for (var i = 0; i < riskRequests.Count; i++)
        {
            var r = riskRequests[i];
            var number = v.Required(r.Number, $"risks[{i}].number");
            v.Check(number is >= 1 and <= 999, $"risks[{i}].number", "Risk numbers run from 1 to 999.");
            if (risks.Any(x => x.Number == number)) v.Add($"risks[{i}].number", $"Risk {number} appears twice; numbers are kept from earlier submissions and must be unique.");
            risks.Add(new RiskStatement(number, v.Text(r.Title, $"risks[{i}].title"), v.Text(r.Explanation, $"risks[{i}].explanation", Validator.MaxLongText), v.Enum<RiskProposal>(r.Proposal, $"risks[{i}].proposal")));
        }

        return v.ToRejection() is { } rejection
            ? (null, rejection)
            : (new ReadinessSubmitted(subject, new Cohort(active, dormant), opsg, tag, criteria, risks), null);
    }

    public static Decision Decide(CaseState state, ReadinessSubmitted submission)
    {
        if (!state.Exists) return CaseRules.NotFound(state.CaseId);
        if (state.IsTerminated) return Rejection.OutOfOrder("The case was terminated.");
        if (state.SubmissionClosed) return Rejection.OutOfOrder("The meeting has been held; the submission can no longer be amended.");
        return OutsideCatalogue(state.Catalogue, submission) is { } refused ? refused : Decision.Accept(submission);
    }

    /// <summary>Every LSC the submission cites that the case's catalogue lacks, by the field that cites it.</summary>
    private static Rejection? OutsideCatalogue(CriteriaCatalogue catalogue, ReadinessSubmitted submission)
    {
        var v = new Validator();
        foreach (var lsc in submission.OpsgScope) v.CheckCited(catalogue, lsc, "opsgScope");
        foreach (var lsc in submission.TagScope) v.CheckCited(catalogue, lsc, "tagScope");
        for (var i = 0; i < submission.Criteria.Count; i++) v.CheckCited(catalogue, submission.Criteria[i].Lsc, $"criteria[{i}].lsc");
        return v.ToRejection();
    }

    private static List<int> Scope(Validator v, List<int>? numbers, string field)
    {
        var list = numbers ?? [];
        if (field == "opsgScope") v.Check(list.Count > 0, field, "At least one LSC must be in OPSG scope.");
        foreach (var n in list) v.Check(n is >= 1 and <= MaxLsc, field, $"LSC numbers run from 1 to {MaxLsc}.");
        foreach (var dup in list.GroupBy(n => n).Where(g => g.Count() > 1)) v.Add(field, $"LSC {dup.Key} appears twice.");
        return list.Distinct().Order().ToList();
    }
}
