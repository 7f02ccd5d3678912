using Microsoft.Extensions.DependencyInjection;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>A clock that moves only when the test says so: durable timers become testable in milliseconds.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void SetTo(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    /// <summary>For <see cref="OpsgApp.TestServices"/>: the app reads the time from this clock.</summary>
    public void Install(IServiceCollection services) => services.AddSingleton<TimeProvider>(this);
}
