using Microsoft.Extensions.DependencyInjection;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// One app (and so one task hub and one set of tables) per test class, shared by its tests: starting the Durable
/// engine costs seconds, and each test works on cases of its own. A class that needs other settings overrides <see cref="Settings"/>,
/// one that needs a clock of its own overrides <see cref="TestServices"/>, and one whose tests only read what was recorded once
/// records it in an override of <see cref="InitializeAsync"/> after the base has started the app.
/// </summary>
public abstract class OpsgAppFixture : IAsyncLifetime
{
    public OpsgApp App { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Replaces services before the app starts, e.g. a <see cref="ManualClock"/> for the TimeProvider.</summary>
    protected virtual Action<IServiceCollection>? TestServices => null;

    public virtual async Task InitializeAsync()
    {
        App = await OpsgApp.StartAsync(Settings, TestServices);
        await App.ClientAs(null).WaitForHealthyAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
