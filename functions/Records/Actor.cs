namespace Opsg.Functions.Records;

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
