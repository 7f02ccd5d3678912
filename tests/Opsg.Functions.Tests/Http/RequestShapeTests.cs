using System.Net;
using Opsg.Functions.Tests.Faults;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>
/// Requests a server might refuse before any app code runs (a 20 KB query, a 200 KB header), sent over real
/// HTTP to the local host's Kestrel, as run.sh runs it: each is answered by the app with problem details, not
/// by the server with an empty body. (A %00 in the path Kestrel refuses itself, with a bare 400, before any
/// app code; the app's own rule for it is tested below, where the app sees such a path.)
/// </summary>
public sealed class RequestShapeTests(RequestShapeTests.Host host) : IClassFixture<RequestShapeTests.Host>
{
    /// <summary>One local host process for the class.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public LocalHostProcess Process { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Process = await LocalHostProcess.StartAsync((await Azurite.Shared).ConnectionString, "t" + Guid.NewGuid().ToString("N")[..10]);

        public async Task DisposeAsync() => await Process.DisposeAsync();
    }

    [Fact]
    public async Task GivenA20KBQuery_ThenAUriTooLongProblem() =>
        await (await host.Process.As("Secas").GetAsync("/api/cases?instanceIdPrefix=" + new string('a', 20 * 1024)))
            .ProblemAsync(HttpStatusCode.RequestUriTooLong);

    [Fact]
    public async Task GivenA200KBHeader_ThenAHeadersTooLargeProblem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 200 * 1024));
        await (await host.Process.As("Secas").SendAsync(request)).ProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge);
    }
}

public sealed class ControlCharacterPathTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    // %00 itself cannot be sent here: the test server refuses it before any app code, as Kestrel does.
    [Theory]
    [InlineData("%07")]
    [InlineData("%1B")]
    public async Task GivenAControlCharacterInThePath_ThenABadRequestProblemNamingThePath(string escaped)
    {
        var caseId = await cases.SharedAsync(Stage.MeetingHeld);
        var problem = await cases.RefusedAsync(caseId,
            () => cases.Secas.PostJson($"/api/cases/{caseId}{escaped}/risks", Seed002Review.AddedRisks[0]), HttpStatusCode.BadRequest, "path");
        Assert.Contains("control character", problem["errors"]!["path"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
