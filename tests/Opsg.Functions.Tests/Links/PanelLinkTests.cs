using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Reports;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Links;

/// <summary>
/// The Panel's link on the real pipeline and Azurite: issued by SECAS, opened anonymously, revoked. The tests share one
/// app whose clock only moves forward (one test moves it an hour to see a link expire); each issues its links from the
/// clock's now, on a case of its own.
/// </summary>
public sealed class PanelLinkTests(PanelLinkTests.App fixture) : IClassFixture<PanelLinkTests.App>
{
    public sealed class App : OpsgAppFixture
    {
        public ShiftableClock Clock { get; } = new();

        protected override Action<IServiceCollection> TestServices => s => s.AddSingleton<TimeProvider>(Clock);
    }

    private readonly ShiftableClock _clock = fixture.Clock;
    private readonly OpsgApp _app = fixture.App;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");

    private async Task<string> CaseWithPanelReportAsync()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(_secas, _app.ClientAs("Tag"), caseId);
        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.PanelReport);
        return caseId;
    }

    private Task<HttpResponseMessage> IssueAsync(string caseId, string? recipient = "SEC Panel secretariat", TimeSpan? lifetime = null) =>
        _secas.PostJson($"/api/cases/{caseId}/links", new { recipient, expiresAt = _clock.GetUtcNow() + (lifetime ?? TimeSpan.FromDays(7)) });

    [Fact]
    public async Task GivenNoPanelReportYet_WhenSecasIssuesALink_Then409AndTheHistoryIsUnchanged()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        await _secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count == 1);
        var before = await _app.Service<HistoryTable>().ReadAsync(caseId, default);

        var response = await IssueAsync(caseId);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(before.Events.Count, (await _app.Service<HistoryTable>().ReadAsync(caseId, default)).Events.Count);
    }

    [Fact]
    public async Task GivenAPanelReport_WhenSecasIssuesALink_ThenTheTokenIsAnsweredOnceAndNeverStoredInTheHistory()
    {
        var caseId = await CaseWithPanelReportAsync();

        var response = await IssueAsync(caseId);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Json_();
        var token = body["token"]!.GetValue<string>();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token); // 256 bits, base64url
        Assert.Equal($"/api/links/{token}", body["url"]!.GetValue<string>());
        Assert.Equal(1, body["reportVersion"]!.GetValue<int>());

        var rows = await _app.Service<HistoryTable>().ReadAsync(caseId, default);
        var issued = rows.Events.Single(e => e.Type == nameof(LinkIssued));
        var recorded = JsonNode.Parse(issued.Payload)!;
        Assert.Equal(body["linkId"]!.GetValue<string>(), recorded["linkId"]!.GetValue<string>());
        Assert.Equal("SEC Panel secretariat", recorded["recipient"]!.GetValue<string>());
        Assert.Equal("notForPublication", recorded["classification"]!.GetValue<string>());
        Assert.Equal("panel-report", recorded["reportKind"]!.GetValue<string>());
        Assert.NotNull(recorded["expiresAt"]);
        Assert.All(rows.Events, e => Assert.DoesNotContain(token, e.Payload, StringComparison.Ordinal));
        Assert.All(rows.Events, e => Assert.DoesNotContain(LinkTokens.Hash(token), e.Payload, StringComparison.Ordinal));
        Assert.NotNull(await _app.Service<LinkTable>().FindAsync(LinkTokens.Hash(token), default));
    }

    [Fact]
    public async Task GivenAValidToken_WhenOpenedWithoutCredentials_ThenThePinnedReportIsStreamedPrivatelyAndEachAccessIsRecordedWithItsNetworkForSecas()
    {
        var caseId = await CaseWithPanelReportAsync();
        var issued = await (await IssueAsync(caseId)).Json_();
        var token = issued["token"]!.GetValue<string>();
        await ReviewRecording.AddNoteAsync(_secas, caseId, ReviewRecording.Lsc2Discharged);
        await _secas.WaitForAsync(caseId, s => ReviewRecording.HasReport(s, ReportKinds.PanelReport, 2));

        var anonymous = _app.ClientAs(null);
        var openedFrom = _clock.GetUtcNow();
        var first = await anonymous.GetAsync($"/api/links/{token}");
        // The second from elsewhere, as App Service forwards it: the caller's address and port first, then a proxy's.
        using var fromElsewhere = new HttpRequestMessage(HttpMethod.Get, $"/api/links/{token}");
        fromElsewhere.Headers.Add("X-Forwarded-For", "203.0.113.77:51234, 10.0.0.4");
        fromElsewhere.Headers.TryAddWithoutValidation("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0");
        var second = await anonymous.SendAsync(fromElsewhere);
        var openedTo = _clock.GetUtcNow();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("text/html; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        Assert.True(first.Headers.CacheControl!.Private && first.Headers.CacheControl.NoStore);
        Assert.Contains("noindex", first.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Equal("no-referrer", first.Headers.GetValues("Referrer-Policy").Single());
        var bytes = await first.Content.ReadAsByteArrayAsync();
        var state = await _app.Service<CaseStore>().LoadAsync(caseId, default);
        var v1 = state.Reports.Single(r => r.Kind == ReportKinds.PanelReport && r.Version == 1);
        Assert.Equal(v1.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes))); // the Panel's copy, not v2
        // Each access is in the link access log, none in the case's history.
        var accesses = await _app.Service<LinkAccessLog>().ReadAsync(caseId, default);
        Assert.Equal(2, accesses.Count);
        Assert.All(accesses, a => Assert.Equal(issued["linkId"]!.GetValue<string>(), a.LinkId));
        Assert.All(accesses, a => Assert.InRange(a.Time, openedFrom.AddMilliseconds(-1), openedTo)); // the table keeps milliseconds
        var history = await _app.Service<CaseStore>().LoadHistoryAsync(caseId, default);
        Assert.DoesNotContain(history, e => e.Event is LinkAccessed);

        // SECAS sees where each opening came from, no finer than the client's network; nobody else sees it.
        var seen = (await _secas.GetAsync($"/api/cases/{caseId}/link-accesses").ExpectAsync(HttpStatusCode.OK))["accesses"]!.AsArray();
        Assert.Equal(2, seen.Count);
        Assert.Equal("203.0.113.0/24", seen[1]!.Text("clientNetwork"));
        Assert.Equal("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", seen[1]!.Text("userAgent"));
        Assert.Equal(issued["linkId"]!.GetValue<string>(), seen[1]!.Text("linkId"));
        Assert.DoesNotContain(token, seen.ToJsonString());
        foreach (var role in new[] { "Dcc", "OpsgMember", "Tag", "Panel" })
            Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientAs(role).GetAsync($"/api/cases/{caseId}/link-accesses")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _secas.GetAsync("/api/cases/nosuchcase/link-accesses")).StatusCode);
    }

    [Fact]
    public async Task GivenUnknownExpiredAndRevokedTokens_WhenOpened_ThenAllGetTheSame404Body()
    {
        var caseId = await CaseWithPanelReportAsync();
        var toRevoke = await (await IssueAsync(caseId)).Json_();
        var toExpire = (await (await IssueAsync(caseId, lifetime: TimeSpan.FromMinutes(30))).Json_())["token"]!.GetValue<string>();
        var revoked = await _secas.DeleteAsync(toRevoke["revokeDeleteUri"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        _clock.Advance(TimeSpan.FromHours(1));
        var anonymous = _app.ClientAs(null);

        var answers = new List<(HttpStatusCode Status, string? Type, string Body)>();
        foreach (var token in new[] { LinkTokens.NewToken(), toExpire, toRevoke["token"]!.GetValue<string>(), "x" })
        {
            var response = await anonymous.GetAsync($"/api/links/{token}");
            answers.Add((response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.Status));
        Assert.All(answers, a => Assert.Equal("application/problem+json", a.Type));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        var history = await _app.Service<CaseStore>().LoadHistoryAsync(caseId, default);
        Assert.DoesNotContain(history, e => e.Event is LinkAccessed);
        Assert.Empty(await _app.Service<LinkAccessLog>().ReadAsync(caseId, default));
        Assert.Single(history, e => e.Event is LinkRevoked);
    }

    [Fact]
    public async Task GivenANotForPublicationReport_WhenTheLinkNamesNoRecipientOrLastsTooLong_Then400AndNothingIsRecorded()
    {
        var caseId = await CaseWithPanelReportAsync();
        var before = (await _app.Service<HistoryTable>().ReadAsync(caseId, default)).Events.Count;

        var noRecipient = await IssueAsync(caseId, recipient: null);
        var tooLong = await IssueAsync(caseId, lifetime: TimeSpan.FromDays(60));

        Assert.Equal(HttpStatusCode.BadRequest, noRecipient.StatusCode);
        Assert.NotNull((await noRecipient.Json_())["errors"]!["recipient"]);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.NotNull((await tooLong.Json_())["errors"]!["expiresAt"]);
        Assert.Equal(before, (await _app.Service<HistoryTable>().ReadAsync(caseId, default)).Events.Count);
    }

    [Fact]
    public async Task GivenARevokedLink_WhenRevokedAgainOrAnUnknownLinkIsRevoked_ThenProblemsAndNothingRecorded()
    {
        var caseId = await CaseWithPanelReportAsync();
        var link = await (await IssueAsync(caseId)).Json_();
        var uri = link["revokeDeleteUri"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await _secas.DeleteAsync(uri)).StatusCode);
        var count = (await _app.Service<HistoryTable>().ReadAsync(caseId, default)).Events.Count;

        Assert.Equal(HttpStatusCode.Conflict, (await _secas.DeleteAsync(uri)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _secas.DeleteAsync($"/api/cases/{caseId}/links/lnk-0000000000000000")).StatusCode);
        Assert.Equal(count, (await _app.Service<HistoryTable>().ReadAsync(caseId, default)).Events.Count);
    }
}
