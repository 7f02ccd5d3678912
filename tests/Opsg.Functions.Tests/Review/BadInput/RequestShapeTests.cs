using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Faults;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Review.BadInput;

/// <summary>
/// Requests a server might refuse before any app code runs (a 20 KB query, a 200 KB header), sent over real
/// HTTP to the local host's Kestrel, as run.sh runs it: each is answered by the app with problem details, not
/// by the server with an empty body. (A %00 in the path Kestrel refuses itself, with a bare 400, before any
/// app code; the app's own rule for it is tested below, where the app sees such a path.)
/// </summary>
public sealed class RequestShapeTests : IAsyncLifetime
{
    private LocalHostProcess _host = null!;

    public async Task InitializeAsync()
    {
        var azurite = await Azurite.Shared;
        _host = await LocalHostProcess.StartAsync(azurite.ConnectionString, "t" + Guid.NewGuid().ToString("N")[..10]);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task GivenA20KBQuery_ThenAUriTooLongProblem()
    {
        var response = await _host.As("Secas").GetAsync("/api/cases?instanceIdPrefix=" + new string('a', 20 * 1024));
        await ProblemAsync(response, HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task GivenA200KBHeader_ThenAHeadersTooLargeProblem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('p', 200 * 1024));
        await ProblemAsync(await _host.As("Secas").SendAsync(request), HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    internal static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}, expected {(int)status}: '{text}'");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        return problem;
    }
}

/// <summary>A path with a control character in it, where it reaches the app: a 400 naming the path, nothing recorded.</summary>
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
