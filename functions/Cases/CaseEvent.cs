namespace Opsg.Functions.Cases;

/// <summary>Something that happened to a case. The history is a list of these; the state is their fold.</summary>
public abstract record CaseEvent;

/// <summary>An event with the envelope the history stores around it.</summary>
public sealed record RecordedEvent(long Sequence, CaseEvent Event, Actor Actor, DateTimeOffset Time);

public enum Classification
{
    /// <summary>May be published, including online.</summary>
    Publishable,
    /// <summary>May be shared with SEC Parties and smart-metering stakeholders but not published.</summary>
    NotForPublication,
}

/// <summary>
/// SECAS opened a review case. <paramref name="Catalogue"/> names the criteria catalogue the case cites
/// from; cases opened before catalogues were named have none on record (see CriteriaCatalogues.Of).
/// </summary>
public sealed record CaseOpened(string Title, Classification Classification, string MeetingId, DateOnly? MeetingDate, string? Catalogue = null) : CaseEvent;

public sealed record CaseTerminated(string Reason) : CaseEvent;
