using System.Collections.Immutable;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Submissions;

/// <summary>What goes live: e.g. a migration cohort's Device Model Combination added to the EPCL.</summary>
public sealed record Subject(string Capability, string DeviceModelCombination, string PanelAsk);

public sealed record Cohort(int ActiveInstallations, int DormantInstallations);

/// <summary>
/// The DCC's statement against one LSC. The criterion's title is the catalogue's, not the DCC's to
/// write (histories from before the catalogue still hold a "title", which is not read).
/// </summary>
public sealed record CriterionStatement(int Lsc, string Statement);

/// <summary>
/// What the DCC proposes for a residual risk: accept it, remove it as no longer a risk, or accept it and
/// remove it (seed 002 risk 5: low impact, so accept it and take it off the list). Stored by name: add
/// values, never rename or reuse one.
/// </summary>
public enum RiskProposal { Accept, Remove, AcceptAndRemove }

/// <summary>A residual risk keeps the number it had in earlier submissions, so numbers have gaps.</summary>
public sealed record RiskStatement(int Number, string Title, string Explanation, RiskProposal Proposal);

/// <summary>
/// The DCC's readiness statement. A later one before the meeting is an amendment: a new version,
/// with every earlier version kept in the history.
/// </summary>
public sealed record ReadinessSubmitted(
    Subject Subject,
    Cohort Cohort,
    IReadOnlyList<int> OpsgScope,
    IReadOnlyList<int> TagScope,
    IReadOnlyList<CriterionStatement> Criteria,
    IReadOnlyList<RiskStatement> Risks) : CaseEvent;

public enum EvidenceKind { Pdf, Docx, Xlsx }

public sealed record EvidenceAttached(
    string DocumentId,
    string FileName,
    EvidenceKind Kind,
    long Length,
    string Sha256,
    string BlobName,
    IReadOnlyList<int> SupportsLscs) : CaseEvent;

/// <summary>
/// The DCC's part of a case: every version of its readiness statement, oldest first, its evidence, and whether the
/// submission is closed (the meeting reviewing it has been held; the review's fold closes it, since Review sits above).
/// </summary>
public sealed record SubmissionsSlice(ImmutableList<ReadinessSubmitted> Versions, ImmutableList<EvidenceAttached> Evidence, bool Closed = false)
    : IRecordSlice<SubmissionsSlice>
{
    public static SubmissionsSlice Empty { get; } = new([], []);
}

public static class SubmissionsOfCase
{
    extension(CaseState state)
    {
        /// <summary>Every version the DCC submitted, oldest first; the last one is current.</summary>
        public ImmutableList<ReadinessSubmitted> Submissions => state.Slice<SubmissionsSlice>().Versions;
        public ReadinessSubmitted? Submission => state.Submissions.IsEmpty ? null : state.Submissions[^1];
        public ImmutableList<EvidenceAttached> Evidence => state.Slice<SubmissionsSlice>().Evidence;

        /// <summary>The meeting that reviews the submission has been held: nothing more can be submitted or attached.</summary>
        public bool SubmissionClosed => state.Slice<SubmissionsSlice>().Closed;
    }

    public static void Register(RecordEvents<CaseState> events) => events
        .On<ReadinessSubmitted>((s, e) => s.Update<CaseState, SubmissionsSlice>(x => x with { Versions = x.Versions.Add(e) }))
        .On<EvidenceAttached>((s, e) => s.Update<CaseState, SubmissionsSlice>(x => x with { Evidence = x.Evidence.Add(e) }));
}
