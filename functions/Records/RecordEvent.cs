namespace Opsg.Functions.Records;

/// <summary>
/// Something that happened to a record (a case, a meeting). A record's history is a list of these and its state is
/// their fold. Each kind of record and each feature declares its own; the core knows none of them.
/// </summary>
public abstract record RecordEvent;

/// <summary>
/// An event with the envelope the history stores around it. <see cref="ChainHash"/> is its row's link in the record's
/// hash chain (<see cref="RecordChain"/>), so whatever reads the history up to this event knows the head hash there;
/// null for an event not yet stored, or stored before the chain.
/// </summary>
public sealed record RecordedEvent(long Sequence, RecordEvent Event, Actor Actor, DateTimeOffset Time, string? ChainHash = null);

/// <summary>The governance parties that may act on a case; the system itself acts as Engine.</summary>
public enum Role { Dcc, Secas, OpsgMember, Tag, Panel, Engine }

/// <summary>
/// Who did something: the role the route authorised them in (not merely the first role they hold), the name they are
/// shown by, and the stable id of the signed-in identity (Entra ID's object id; "api-key:{role}" for a local API key).
/// Names change and can repeat; the id is what says two events were the same person.
/// </summary>
public sealed record Actor(Role Role, string Name, string? Id = null)
{
    public static readonly Actor Engine = new(Role.Engine, "opsg-engine", "opsg-engine");
}
