using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Links;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Links;

/// <summary>
/// One case with a Panel report and three links (live, expired, revoked) on an app whose clock a
/// test may not move further: built once for <see cref="LinkTokenTests"/>.
/// </summary>
public sealed class LinkTokenCase : IAsyncLifetime
{
    private readonly ShiftableClock _clock = new();

    public OpsgApp App { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public string CaseId { get; private set; } = "";
    public string Live { get; private set; } = "";
    public string Expired { get; private set; } = "";
    public string Revoked { get; private set; } = "";

    public async Task InitializeAsync()
    {
        App = await OpsgApp.StartAsync(testServices: s => s.AddSingleton<TimeProvider>(_clock));
        var secas = App.ClientAs("Secas");
        Anonymous = App.ClientAs(null);
        CaseId = await ReviewRecording.OpenAndSubmitAsync(secas, App.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(secas, App.ClientAs("Tag"), CaseId);
        await ReviewRecording.RequestAndWaitAsync(secas, CaseId, "panel-report");

        async Task<Nodes> Issue(TimeSpan lifetime) => new(await secas.PostJson($"/api/cases/{CaseId}/links",
            new { recipient = "SEC Panel secretariat", expiresAt = _clock.GetUtcNow() + lifetime }).ExpectAsync(HttpStatusCode.Created));
        Live = (await Issue(TimeSpan.FromDays(7))).Token;
        Expired = (await Issue(TimeSpan.FromMinutes(30))).Token;
        var revoked = await Issue(TimeSpan.FromDays(7));
        await secas.DeleteAsync(revoked.Node.Text("revokeDeleteUri")).ExpectAsync(HttpStatusCode.OK);
        Revoked = revoked.Token;
        _clock.Advance(TimeSpan.FromHours(1));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    private sealed record Nodes(System.Text.Json.Nodes.JsonNode Node)
    {
        public string Token => Node.Text("token");
    }
}

/// <summary>
/// GET /api/links/{token} with every shape of token that is not a live one: the one answer, byte for
/// byte and header for header, whatever was wrong with it; nothing is recorded.
/// </summary>
public sealed class LinkTokenTests(LinkTokenCase link) : IClassFixture<LinkTokenCase>
{
    private sealed record Answer(HttpStatusCode Status, string? ContentType, string Body, string? CacheControl, string? ReferrerPolicy, string? Robots);

    private async Task<Answer> OpenAsync(string path)
    {
        var response = await link.Anonymous.GetAsync(path);
        string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync(),
            Header("Cache-Control"), Header("Referrer-Policy"), Header("X-Robots-Tag"));
    }

    /// <summary>The answer for a well-formed token that was never issued: what every other refusal must equal.</summary>
    private Task<Answer> UnknownAsync() => OpenAsync($"/api/links/{LinkTokens.NewToken()}");

    private async Task AssertTheSame404Async(string path)
    {
        var before = await HistorySnapshot.TakeAsync(link.App, link.CaseId);
        var answer = await OpenAsync(path);
        var unknown = await UnknownAsync();

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("application/problem+json", unknown.ContentType?.Split(';')[0]);
        Assert.Equal(unknown, answer);
        await before.AssertUnchangedAsync();
    }

    public static TheoryData<string> Malformed() => new()
    {
        "x",
        "AAAA",
        new string('A', 42), // one short of 256 bits
        new string('A', 44),
        new string('A', 43) + "=",
        new string('A', 4096),
        new string('A', 40) + "+/=",
        new string('A', 40) + "%2B%2F",
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
        "..%2F..%2Fhealth",
        "..%2F..%2Fcases",
        "%2E%2E%2F%2E%2E%2Fopenapi%2Fv1.json",
        "..%5C..%5Cweb.config",
        "%252E%252E%252F",
        "%20",
        "token%3F",
        "%C3%BC%C3%B1%C3%AF%C3%A7%C3%B8d%C3%A9",
        "%F0%9F%94%97%F0%9F%94%97%F0%9F%94%97",
        "%E2%80%AEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "%FF%FE",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "null",
        "undefined",
        "*",
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task GivenAMalformedToken_WhenOpened_ThenTheSame404AsAnUnknownToken(string token) =>
        await AssertTheSame404Async($"/api/links/{token}");

    [Theory]
    [InlineData("%01")]
    [InlineData("%0A")]
    public async Task GivenAControlCharacterAsTheToken_WhenOpened_ThenABadRequestNamingThePath_WhateverTheTokens(string token)
    {
        // Refused for its shape alone, before any token is looked up: the answer says nothing about any link.
        var before = await HistorySnapshot.TakeAsync(link.App, link.CaseId);
        await (await link.Anonymous.GetAsync($"/api/links/{token}")).ProblemAsync(HttpStatusCode.BadRequest, "path");
        await before.AssertUnchangedAsync();
    }

    [Theory]
    [InlineData("/api/links/")]
    [InlineData("/api/links")]
    [InlineData("/api/links/a/b")]
    [InlineData("/api/links/AAAA/..%2F..")]
    public async Task GivenNoTokenOrOneWithASlash_WhenOpened_ThenTheSame404AsAnUnknownToken(string path) =>
        await AssertTheSame404Async(path);

    [Fact]
    public async Task GivenExpiredRevokedAndAlteredTokens_WhenOpened_ThenTheSame404AsAnUnknownToken()
    {
        await AssertTheSame404Async($"/api/links/{link.Expired}");
        await AssertTheSame404Async($"/api/links/{link.Revoked}");
        await AssertTheSame404Async($"/api/links/{link.Live.ToUpperInvariant()}");
        await AssertTheSame404Async($"/api/links/{link.Live[..^1]}");
        await AssertTheSame404Async($"/api/links/{link.Live}A");
        await AssertTheSame404Async($"/api/links/{link.Live}%20");
        await AssertTheSame404Async($"/api/links/{LinkTokens.Hash(link.Live)}"); // what the links table is keyed by
    }

    [Fact]
    public async Task GivenTheLiveToken_WhenOpened_ThenTheReport()
    {
        // The positive twin: the refusals above are about the tokens, not the case.
        var response = await link.Anonymous.GetAsync($"/api/links/{link.Live}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
