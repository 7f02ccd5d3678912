using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Links;

/// <summary>
/// A Panel link's token is its only credential: it reaches no log line, whatever happens to the request that carries
/// it. Everything is captured at every level, from every category (the app's, ASP.NET Core's, the SDKs'), scopes and
/// exceptions included, while a link is issued, opened, and opened again while storage hangs and while it is gone.
/// </summary>
public sealed class LinkTokenLoggingTests : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private Azurite _azurite = null!;
    private OpsgApp _app = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync(location: null);
        var settings = OpsgApp.ProductionStorageBudget;
        settings["Logging:LogLevel:Default"] = "Trace";
        _app = await OpsgApp.StartOnAsync(_azurite.ConnectionString, settings, services => services.AddSingleton<ILoggerProvider>(_logs));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task GivenALiveLink_WhenItIsOpenedWhileStorageHangsAndWhileItIsGone_Then503_AndNoLogLineHoldsItsToken()
    {
        var secas = _app.ClientAs("Secas");
        var caseId = await ReviewRecording.OpenAndSubmitAsync(secas, _app.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(secas, _app.ClientAs("Tag"), caseId);
        await ReviewRecording.RequestAndWaitAsync(secas, caseId, ReportKinds.PanelReport);
        var link = await secas.PostJson($"/api/cases/{caseId}/links", new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(7) })
            .ExpectAsync(HttpStatusCode.Created);
        var token = link.Text("token");
        using var panel = _app.ClientAs(null);
        Assert.Equal(HttpStatusCode.OK, (await panel.GetAsync($"/api/links/{token}")).StatusCode);

        await _azurite.FreezeAsync();
        try
        {
            var hung = await panel.GetAsync($"/api/links/{token}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, hung.StatusCode);
        }
        finally
        {
            await _azurite.ThawAsync();
        }
        _azurite.Kill();
        var gone = await panel.GetAsync($"/api/links/{token}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, gone.StatusCode);

        var lines = _logs.Lines;
        // The failures were logged, by the function and its route template: the test is not looking at an empty log.
        Assert.True(lines.Count(l => l.Contains("Storage did not answer", StringComparison.Ordinal) && l.Contains("OpenLink links/{*token}", StringComparison.Ordinal)) >= 2,
            "The storage failures of the link openings were not logged.");
        var leaking = lines.Where(l => l.Contains(token, StringComparison.Ordinal)).ToList();
        Assert.True(leaking.Count == 0, $"{leaking.Count} of {lines.Count} log lines hold the token, e.g.:\n{string.Join('\n', leaking.Take(5))}");
    }
}
