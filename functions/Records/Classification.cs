namespace Opsg.Functions.Records;

/// <summary>What every governance document carries, and what distribution must honour.</summary>
public enum Classification
{
    /// <summary>May be published, including online.</summary>
    Publishable,
    /// <summary>May be shared with SEC Parties and smart-metering stakeholders but not published.</summary>
    NotForPublication,
}
