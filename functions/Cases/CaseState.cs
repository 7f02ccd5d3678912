using Opsg.Functions.Criteria;
using Opsg.Functions.Records;

namespace Opsg.Functions.Cases;

/// <summary>
/// Everything known about a case, and nothing else: built only by folding its history, so the same history always
/// gives the same state. The case's own facts live here; each feature keeps its part in a slice of its own and
/// reads it through extension members (submissions, review, links …).
/// </summary>
public sealed record CaseState : RecordState
{
    public static CaseState Empty(string caseId) => new() { Id = caseId };

    public string CaseId => Id;
    public CaseOpened? Opened { get; init; }
    public string? TerminatedReason { get; init; }

    /// <summary>The criteria catalogue the case cites from.</summary>
    public CriteriaCatalogue Catalogue => CriteriaCatalogues.Of(Opened?.Catalogue);

    public bool Exists => Opened is not null;
    public bool IsTerminated => TerminatedReason is not null;

    /// <summary>The rules for the case's own events; every feature registers its own beside them.</summary>
    public static void Register(RecordEvents<CaseState> events) => events
        .On<CaseOpened>((s, e) => s with { Opened = e })
        .On<CaseTerminated>((s, e) => s with { TerminatedReason = e.Reason });
}
