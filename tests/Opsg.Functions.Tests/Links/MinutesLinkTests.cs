using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Opsg.Functions.Links;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Links;

/// <summary>
/// Three meetings minuted through the public API only, once: OPSG_40 (publishable), whose minutes OPSG_41 approves so
/// they are final; OPSG_41 itself, still draft; OPSG_42, not for publication. Each test shares OPSG_40's final minutes
/// by link (a link of its own) or is refused, over the real pipeline and Azurite.
/// </summary>
public sealed class MinutesLinkTests(MinutesLinkTests.Meetings meetings) : IClassFixture<MinutesLinkTests.Meetings>
{
    public const string Final = "OPSG_40";
    public const string Draft = "OPSG_41";
    public const string NotForPublication = "OPSG_42";

    public sealed class Meetings : OpsgAppFixture
    {
        public HttpClient Secas { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Secas = App.ClientAs("Secas");
            await MinutedAsync(Final, "2021-01-05", "publishable");
            await Secas.PostAsync($"/api/meetings/{Final}/minutes", null).ExpectAsync(HttpStatusCode.Accepted);
            await MinutedAsync(Draft, "2021-02-02", "publishable");
            await Secas.PostJson($"/api/meetings/{Draft}/previous-minutes", new { meetingId = Final }).ExpectAsync(HttpStatusCode.Accepted);
            await Secas.PostAsync($"/api/meetings/{Draft}/minutes", null).ExpectAsync(HttpStatusCode.Accepted);
            await MinutedAsync(NotForPublication, "2021-03-02", "notForPublication");
            await WaitForAsync(Final, m => m["minutes"]!.AsArray().Any(v => v!["final"]!.GetValue<bool>()));
            await WaitForAsync(Draft, m => m["minutes"]!.AsArray().Count > 0);
        }

        private async Task MinutedAsync(string id, string date, string classification)
        {
            await Secas.PostJson("/api/meetings", new { meetingId = id, kind = "ordinary", date, startTime = "10:00", endTime = "12:00", teleconference = true, classification })
                .ExpectAsync(HttpStatusCode.Created);
            await Secas.PostJson($"/api/meetings/{id}/items", new { number = 1, title = "Apologies and introductions", narrative = new[] { new { text = "The Chair welcomed members." } } })
                .ExpectAsync(HttpStatusCode.Created);
        }

        /// <summary>Polls until the condition holds; a deadline, not a timing assertion.</summary>
        public async Task<JsonNode> WaitForAsync(string id, Func<JsonNode, bool> condition)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            JsonNode last;
            do
            {
                last = await Secas.GetAsync($"/api/meetings/{id}").ExpectAsync(HttpStatusCode.OK);
                if (condition(last)) return last;
                await Task.Delay(100);
            }
            while (DateTime.UtcNow < deadline);
            throw new TimeoutException($"Meeting {id} did not reach the expected state: {last.ToJsonString()}");
        }
    }

    private readonly OpsgApp _app = meetings.App;
    private readonly HttpClient _secas = meetings.Secas;
    private readonly HttpClient _anonymous = meetings.App.ClientAs(null);

    private Task<HttpResponseMessage> IssueAsync(string meetingId, object? body = null) =>
        _secas.PostJson($"/api/meetings/{meetingId}/links", body ?? new { recipient = "Website team", expiresAt = DateTimeOffset.UtcNow.AddDays(30) });

    private async Task<long> VersionAsync(string meetingId) =>
        (await _secas.GetAsync($"/api/meetings/{meetingId}").ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>();

    [Fact]
    public async Task GivenFinalPublishableMinutes_WhenSecasIssuesALinkAndItIsOpenedAnonymously_ThenTheFinalMinutesAreServedAsADocumentAndTheAccessIsLogged()
    {
        var response = await IssueAsync(Final);

        var issued = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, issued);
        var link = JsonNode.Parse(issued)!;
        var token = link.Text("token");
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal($"/api/links/{token}", link.Text("url"));
        Assert.StartsWith($"/api/meetings/{Final}/links/lnk-", link.Text("revokeDeleteUri"), StringComparison.Ordinal);
        // The row says which kind of record the token opens; the history holds neither the token nor its hash.
        var row = await _app.Service<LinkTable>().FindAsync(LinkTokens.Hash(token), default);
        Assert.Equal((LinkTarget.Meeting, Final), (row!.Target, row.RecordId));
        var rows = await _app.Service<HistoryTable>().ReadAsync(Final, default);
        Assert.Single(rows.Events, e => e.Type == nameof(MinutesLinkIssued) && e.Payload.Contains(link.Text("linkId"), StringComparison.Ordinal));
        Assert.All(rows.Events, e => Assert.DoesNotContain(token, e.Payload, StringComparison.Ordinal));
        Assert.All(rows.Events, e => Assert.DoesNotContain(LinkTokens.Hash(token), e.Payload, StringComparison.Ordinal));

        var opened = await _anonymous.GetAsync(link.Text("url"));

        var html = await opened.Content.ReadAsStringAsync();
        Assert.True(opened.StatusCode == HttpStatusCode.OK, html);
        Assert.Equal("text/html; charset=utf-8", opened.Content.Headers.ContentType!.ToString());
        Assert.True(opened.Headers.CacheControl!.Private && opened.Headers.CacheControl.NoStore);
        Assert.Contains("default-src 'none'", opened.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", opened.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(opened.Headers.Contains("X-Robots-Tag")); // publishable
        Assert.Contains("OPSG_40_0501", html, StringComparison.Ordinal);
        Assert.Contains(">Final Minutes<", html, StringComparison.Ordinal);
        var accesses = await _app.Service<LinkAccessLog>().ReadAsync(LinkTarget.Meeting, Final, default);
        Assert.Contains(accesses, a => a.LinkId == link.Text("linkId"));
        // SECAS reads the same log through the API, and the meeting's links without their tokens.
        var seen = (await _secas.GetAsync($"/api/meetings/{Final}/link-accesses").ExpectAsync(HttpStatusCode.OK))["accesses"]!.AsArray();
        Assert.Contains(seen, a => a!.Text("linkId") == link.Text("linkId"));
        var listed = await _secas.GetAsync($"/api/meetings/{Final}/links");
        var body = await listed.Content.ReadAsStringAsync();
        Assert.True(listed.StatusCode == HttpStatusCode.OK, body);
        Assert.DoesNotContain(token, body, StringComparison.Ordinal);
        Assert.Contains(JsonNode.Parse(body)!.AsArray(), l => l!.Text("linkId") == link.Text("linkId") && l!.Text("status") == "live");
        await (await _app.ClientAs("Dcc").GetAsync($"/api/meetings/{Final}/links")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GivenDraftMinutes_WhenSecasIssuesALink_Then409AndNothingIsRecorded()
    {
        var before = await VersionAsync(Draft);

        var problem = await (await IssueAsync(Draft)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("only final minutes", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await VersionAsync(Draft));
    }

    [Fact]
    public async Task GivenMinutesNotForPublication_WhenSecasIssuesALink_Then409NamingTheClassificationAndNothingIsRecorded()
    {
        var before = await VersionAsync(NotForPublication);

        var problem = await (await IssueAsync(NotForPublication)).ProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("not for publication", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await VersionAsync(NotForPublication));
    }

    [Fact]
    public async Task GivenBadRequests_WhenSecasIssuesALink_ThenEachIsRefusedAndNothingIsRecorded()
    {
        var before = await VersionAsync(Final);

        await (await IssueAsync("OPSG_99")).ProblemAsync(HttpStatusCode.NotFound);
        await (await IssueAsync(Final, new { expiresAt = DateTimeOffset.UtcNow.AddMinutes(1) })).ProblemAsync(HttpStatusCode.BadRequest, "expiresAt");
        await (await IssueAsync(Final, new { expiresAt = DateTimeOffset.UtcNow.AddDays(181) })).ProblemAsync(HttpStatusCode.BadRequest, "expiresAt");
        await (await IssueAsync(Final, new { recipient = "Website team" })).ProblemAsync(HttpStatusCode.BadRequest, "expiresAt");
        await (await _secas.SendRaw(HttpMethod.Post, $"/api/meetings/{Final}/links", "{\"expiresAt\":")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(before, await VersionAsync(Final));
    }

    [Fact]
    public async Task GivenAnIdempotencyKey_WhenTheSameLinkRequestIsSentTwice_ThenOneLinkIsRecordedAndTheTokenIsShownOnlyOnce()
    {
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "minutes-link-" + Guid.NewGuid().ToString("N") };
        var body = System.Text.Json.JsonSerializer.Serialize(new { expiresAt = DateTimeOffset.UtcNow.AddDays(7) });

        var first = JsonNode.Parse(await (await _secas.SendRaw(HttpMethod.Post, $"/api/meetings/{Final}/links", body, "application/json", key)).Content.ReadAsStringAsync())!;
        var again = await _secas.SendRaw(HttpMethod.Post, $"/api/meetings/{Final}/links", body, "application/json", key);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        var replayed = await again.Json_();
        Assert.Equal(first.Text("linkId"), replayed.Text("linkId"));
        Assert.NotNull(first["token"]);
        Assert.Null(replayed["token"]);
    }

    [Fact]
    public async Task GivenAnOpenLink_WhenSecasRevokesIt_ThenTheTokenGetsTheSame404AsAnUnknownOne()
    {
        var issuing = await IssueAsync(Final);
        var link = await issuing.Json_();
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(link.Text("url"))).StatusCode);

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, link.Text("revokeDeleteUri") + "?reason=Superseded");
        revoke.Headers.IfMatch.Add(issuing.Headers.ETag!);
        await _secas.SendAsync(revoke).ExpectAsync(HttpStatusCode.OK);
        await (await _secas.DeleteAsync(link.Text("revokeDeleteUri"))).ProblemAsync(HttpStatusCode.Conflict);
        await (await _secas.DeleteAsync($"/api/meetings/{Final}/links/lnk-0000000000000000")).ProblemAsync(HttpStatusCode.NotFound);

        var revoked = await _anonymous.GetAsync(link.Text("url"));
        var unknown = await _anonymous.GetAsync($"/api/links/{LinkTokens.NewToken()}");
        Assert.Equal(HttpStatusCode.NotFound, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await revoked.Content.ReadAsStringAsync());
        Assert.True(revoked.Headers.CacheControl!.NoStore);
        var listed = (await _secas.GetAsync($"/api/meetings/{Final}/links").ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Contains(listed, l => l!.Text("linkId") == link.Text("linkId") && l!.Text("status") == "revoked" && l!["revokedAt"] is not null);
    }

    [Fact]
    public async Task GivenAStaleIfMatch_WhenSecasRevokes_Then412AndTheLinkStillOpens()
    {
        var link = await IssueAsync(Final).ExpectAsync(HttpStatusCode.Created);

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, link.Text("revokeDeleteUri"));
        revoke.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await _secas.SendAsync(revoke)).ProblemAsync(HttpStatusCode.PreconditionFailed);

        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(link.Text("url"))).StatusCode);
    }

    [Fact]
    public async Task GivenATokenRowWrittenBeforeMeetingsHadLinks_WhenLookedUp_ThenItIsACaseLink()
    {
        var hash = LinkTokens.Hash(LinkTokens.NewToken());
        var expires = DateTimeOffset.UtcNow.AddDays(1);
        // Exactly the columns a case link's token row had before the row named its record's kind.
        await _app.Service<StorageAccount>().Links.AddEntityAsync(new TableEntity(hash, "token")
        {
            ["CaseId"] = "old-case", ["LinkId"] = "lnk-0123456789abcdef", ["ExpiresAt"] = expires, ["Revoked"] = false,
        });

        var row = await _app.Service<LinkTable>().FindAsync(hash, default);

        Assert.Equal((LinkTarget.Case, "old-case", "lnk-0123456789abcdef", false), (row!.Target, row.RecordId, row.LinkId, row.Revoked));
    }
}
