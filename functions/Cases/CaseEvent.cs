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
