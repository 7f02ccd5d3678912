using Opsg.Functions.Cases;
using Opsg.Functions.Criteria;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Reports;

/// <summary>What the DCC submitted, laid out for the OPSG meeting pack.</summary>
public sealed record ReadinessPackModel(
    DocumentHeader Header,
    string CaseTitle,
    int SubmissionVersion,
    Subject Subject,
    Cohort Cohort,
    int TotalInstallations,
    IReadOnlyList<ReadinessPackModel.CriterionRow> OpsgCriteria,
    IReadOnlyList<int> TagScope,
    IReadOnlyList<ReadinessPackModel.RiskStatementRow> Risks,
    IReadOnlyList<ReadinessPackModel.EvidenceRow> Evidence)
{
    public sealed record CriterionRow(int Lsc, string Title, string Statement, IReadOnlyList<string> Evidence);

    public bool HasEvidence => Evidence.Count > 0;

    /// <summary>"The Testing Advisory Group reviews LSCs 4, 5 and 10."</summary>
    public string TagScopeNote => TagScope.Count == 0
        ? "No LSC is left to the Testing Advisory Group."
        : $"The Testing Advisory Group reviews {Lscs.Named(TagScope)}.";

    public sealed record RiskStatementRow(int Number, string Title, string Explanation, string Proposal);

    public sealed record EvidenceRow(string FileName, string Kind, string Sha256, string Supports);

    public static ReadinessPackModel From(CaseState state)
    {
        var submission = state.Submission ?? throw new InvalidOperationException("Nothing has been submitted.");
        var catalogue = state.Catalogue;
        var opsg = submission.Criteria
            .Where(c => submission.OpsgScope.Contains(c.Lsc))
            .OrderBy(c => c.Lsc)
            .Select(c => new CriterionRow(c.Lsc, catalogue.TitleOf(c.Lsc) ?? $"LSC {c.Lsc}", c.Statement,
                state.Evidence.Where(e => e.SupportsLscs.Contains(c.Lsc)).Select(e => e.FileName).ToList()))
            .ToList();
        var evidence = state.Evidence
            .Select(e => new EvidenceRow(e.FileName, e.Kind.ToString().ToUpperInvariant(), e.Sha256, string.Join(", ", e.SupportsLscs.Order())))
            .ToList();
        return new ReadinessPackModel(
            DocumentHeader.For(state, "_RP", "Readiness pack", $"Submission version {state.Submissions.Count}"),
            state.Opened!.Title,
            state.Submissions.Count,
            submission.Subject,
            submission.Cohort,
            submission.Cohort.ActiveInstallations + submission.Cohort.DormantInstallations,
            opsg,
            submission.TagScope.Order().ToList(),
            submission.Risks.OrderBy(r => r.Number).Select(r => new RiskStatementRow(r.Number, r.Title, r.Explanation, ReportRows.Proposal(r.Proposal))).ToList(),
            evidence);
    }
}
