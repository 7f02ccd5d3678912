using Opsg.Functions.Criteria;
using Opsg.Functions.Records;

namespace Opsg.Functions.Cases;

/// <summary>Something that happened to a readiness-review case. The history is a list of these; the state is their fold.</summary>
public abstract record CaseEvent : RecordEvent;

/// <summary>
/// SECAS opened a review case. <paramref name="Catalogue"/> names the criteria catalogue the case cites
/// from; cases opened before catalogues were named have none on record (see CriteriaCatalogues.Of).
/// </summary>
public sealed record CaseOpened(string Title, Classification Classification, string MeetingId, DateOnly? MeetingDate, string? Catalogue = null) : CaseEvent;

public sealed record CaseTerminated(string Reason) : CaseEvent;

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
