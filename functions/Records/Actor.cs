namespace Opsg.Functions.Records;

/// <summary>The governance parties that may act on a case; the system itself acts as Engine.</summary>
public enum Role { Dcc, Secas, OpsgMember, Tag, Panel, Engine }

public sealed record Actor(Role Role, string Name)
{
    public static readonly Actor Engine = new(Role.Engine, "opsg-engine");
}
