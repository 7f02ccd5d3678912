namespace Opsg.Functions.Tests.Fixtures;

/// <summary>One headless Chromium for a test class: starting it costs seconds.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public HeadlessChromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync() => Chromium = await HeadlessChromium.StartAsync();

    public async Task DisposeAsync()
    {
        if (Chromium is not null) await Chromium.DisposeAsync();
    }
}
