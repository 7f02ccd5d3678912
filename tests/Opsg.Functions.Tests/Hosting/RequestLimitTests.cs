using System.Net;
using Opsg.Functions.Http;
using Opsg.Functions.Tests.Faults;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>
/// Requests too large for the app (a 20 KB query, a 200 KB header) get a problem answer naming the limit, both
/// in the app's pipeline and through the local host's real Kestrel, which used to refuse them itself with an
/// empty body. A NUL in the path is the one case Kestrel still refuses before any code of ours runs.
/// </summary>
public sealed class RequestLimitTests(RequestLimitTests.Host host) : IClassFixture<RequestLimitTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public LocalHostProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Process = await LocalHostProcess.StartAsync((await Azurite.Shared).ConnectionString, "l" + Guid.NewGuid().ToString("N")[..12]);

        public async Task DisposeAsync() => await Process.DisposeAsync();
    }

    private static readonly string LongQuery = "/api/cases?status=" + new string('a', 20 * 1024);

    private static HttpRequestMessage WithLargeHeader(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Padding", new string('b', 200 * 1024));
        return request;
    }

    [Fact]
    public async Task GivenA20KbQuery_WhenSentThroughTheLocalHostsKestrel_Then414ProblemNamingTheLimit()
    {
        var problem = await (await host.Process.As("Secas").GetAsync(LongQuery)).ProblemAsync(HttpStatusCode.RequestUriTooLong);
        Assert.Contains("8 KiB", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenA200KbHeader_WhenSentThroughTheLocalHostsKestrel_Then431ProblemNamingTheLimit()
    {
        var problem = await (await host.Process.As("Secas").SendAsync(WithLargeHeader("/api/health"))).ProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Contains("32 KiB", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenNoRole_WhenA200KbHeaderIsSent_ThenTheSizeIsAnsweredBeforeAuthentication() =>
        await (await host.Process.Client.SendAsync(WithLargeHeader("/api/cases"))).ProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);

    [Fact]
    public async Task GivenRequestsJustWithinTheLimits_ThenTheyAreAnsweredAsUsual()
    {
        // The positive twin: the limits are where they say, not lower.
        var query = "/api/cases?status=" + new string('a', RequestLimits.MaxTargetBytes - "/api/cases?status=".Length);
        Assert.NotEqual(HttpStatusCode.RequestUriTooLong, (await host.Process.As("Secas").GetAsync(query)).StatusCode);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('b', 16 * 1024));
        Assert.Equal(HttpStatusCode.OK, (await host.Process.Client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task GivenANulInThePath_ThenKestrelRefusesItBeforeTheApp_With400()
    {
        // Kestrel cannot hand a path holding NUL to any code (the Functions host in Azure is Kestrel too), so
        // this stays the server's bare 400: the boundary the README states.
        var response = await host.Process.As("Secas").GetAsync("/api/cases/%00");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GivenA20KbQuery_WhenSentInProcess_ThenThePipelineAnswers414()
    {
        // The same rule without Kestrel in front (the worker middleware in Azure runs this pipeline too).
        await using var app = await OpsgApp.StartAsync();
        await (await app.ClientAs("Secas").GetAsync(LongQuery)).ProblemAsync(HttpStatusCode.RequestUriTooLong);
    }
}
