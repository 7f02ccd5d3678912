namespace Opsg.Functions.Tests.Fixtures;

/// <summary>The system clock, moved forward on demand: lets a test see a link expire without waiting.</summary>
public sealed class ShiftableClock : TimeProvider
{
    private TimeSpan _offset;

    public void Advance(TimeSpan by) => _offset += by;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}
