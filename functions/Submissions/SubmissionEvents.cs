using Opsg.Functions.Cases;

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
