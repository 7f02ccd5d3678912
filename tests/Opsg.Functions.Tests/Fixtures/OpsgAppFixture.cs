namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// One app (and so one task hub and one set of tables) per test class, shared by its tests: starting the Durable
/// engine costs seconds, and each test works on cases of its own. A class that needs other settings overrides <see cref="Settings"/>.
/// </summary>
public abstract class OpsgAppFixture : IAsyncLifetime
{
    public OpsgApp App { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    public async Task InitializeAsync()
    {
        App = await OpsgApp.StartAsync(Settings);
        await App.ClientAs(null).WaitForHealthyAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
