using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>
/// GET /api/actions-register over HTTP: seed 002's meeting (OPSG 29xxx) and the next meeting's case
/// (OPSG 30) are recorded through the API, an action of each is closed by a post-meeting note, a
/// third case is purged, and on 10 April 2020 the register lists exactly the actions still open.
/// The cases are recorded once for the class; its tests only read the register.
/// </summary>
public sealed class ActionsRegisterApiTests(ActionsRegisterApiTests.App fixture) : IClassFixture<ActionsRegisterApiTests.App>
{
    public sealed class App : OpsgAppFixture
    {
        private static readonly DateTimeOffset BeforeTheMeetings = new(2020, 2, 10, 9, 0, 0, TimeSpan.Zero);
        // 10 April 2020, 00:30 in London (BST): still 9 April in UTC, so the date must be taken in UK time.
        private static readonly DateTimeOffset TenthOfAprilJustAfterMidnight = new(2020, 4, 9, 23, 30, 0, TimeSpan.Zero);

        // Dates and owners are fixed, so the clock holds still while the cases are recorded: no durable timer fires mid-way.
        private readonly ManualClock _clock = new(BeforeTheMeetings);

        public string SeedCase { get; private set; } = "";
        public string NextCase { get; private set; } = "";

        protected override Action<IServiceCollection> TestServices => _clock.Install;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var secas = App.ClientAs("Secas");
            var dcc = App.ClientAs("Dcc");

            SeedCase = await ReviewRecording.OpenAndSubmitAsync(secas, dcc, Seed002.MeetingId);
            await ReviewRecording.RecordMeetingAsync(secas, App.ClientAs("Tag"), SeedCase);
            await secas.PostJson($"/api/cases/{SeedCase}/actions/3/target-revisions", new { revisedTarget = "2020-04-03", reason = "plan review slipped" }).ExpectAsync(HttpStatusCode.OK);
            await ReviewRecording.AddNoteAsync(secas, SeedCase, Seed002Review.PostMeetingNotes[0]);

            NextCase = await RecordSecondMeetingAsync(secas, dcc, SecondMeeting.OpenCase);
            await ReviewRecording.AddNoteAsync(secas, NextCase, SecondMeeting.Action03Closed);

            var purged = await RecordSecondMeetingAsync(secas, dcc, new { title = "A case withdrawn and purged", classification = "notForPublication", meetingId = "OPSG_31", meetingDate = "2020-03-24" });
            await secas.PurgeAsync(purged).ExpectAsync(HttpStatusCode.OK);

            _clock.SetTo(TenthOfAprilJustAfterMidnight);
        }

        private static async Task<string> RecordSecondMeetingAsync(HttpClient secas, HttpClient dcc, object openCase)
        {
            var caseId = await secas.OpenCaseAsync(openCase);
            await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Accepted);
            await secas.WaitForAsync(caseId, s => ReviewRecording.HasReport(s, "readiness-pack", 1));
            await secas.PostJson($"/api/cases/{caseId}/review", SecondMeeting.OpenReview).ExpectAsync(HttpStatusCode.OK);
            await secas.PutJson($"/api/cases/{caseId}/meeting", SecondMeeting.Meeting).ExpectAsync(HttpStatusCode.OK);
            foreach (var action in SecondMeeting.Actions)
                await secas.PostJson($"/api/cases/{caseId}/actions", action).ExpectAsync(HttpStatusCode.Created);
            return caseId;
        }
    }

    private static readonly string[] OpenActions = ["OPSG 29xxx/02", "OPSG 29xxx/03", SecondMeeting.Action01, SecondMeeting.Action02];

    private readonly OpsgApp _app = fixture.App;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");
    private readonly string _seedCase = fixture.SeedCase;
    private readonly string _nextCase = fixture.NextCase;

    private async Task<HttpResponseMessage> GetHtmlAsync(string role, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/actions-register" + query);
        var client = _app.ClientAs(role);
        client.DefaultRequestHeaders.Accept.Clear();
        // What a browser sends: HTML first, anything else after.
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task GivenTwoMeetingsRecordedOverHttp_WhenABrowserAsks_ThenThePageListsExactlyTheOpenActionsOfBothGroupedByMeeting()
    {
        var response = await GetHtmlAsync("OpsgMember");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true });
        var page = Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(OpenActions, page.QuerySelectorAll("tr[data-action]").Select(r => r.GetAttribute("data-action")));
        Assert.All(page.QuerySelectorAll("tr[data-action]"), r => Assert.Equal("open", r.GetAttribute("data-status")));
        var meetings = page.QuerySelectorAll("section.meeting");
        Assert.Equal(["OPSG_29xxx", SecondMeeting.MeetingId], meetings.Select(m => m.GetAttribute("data-meeting")));
        Assert.Equal("OPSG 29xxx, 28 February 2020", meetings[0].QuerySelector("h2").Text());
        Assert.Equal(_seedCase, meetings[0].QuerySelector("[data-case]")!.GetAttribute("data-case"));
        Assert.Equal(_nextCase, meetings[1].QuerySelector("[data-case]")!.GetAttribute("data-case"));
        Assert.Equal(SecondMeeting.Title, meetings[1].QuerySelector("[data-field=case-title]").Text());

        string? Due(string actionId) => page.QuerySelector($"tr[data-action='{actionId}'] [data-field=due]")?.TextContent;
        Assert.Null(Due("OPSG 29xxx/02"));
        Assert.Equal("overdue by 7 days", Due("OPSG 29xxx/03"));
        Assert.Equal("overdue by 3 days", Due(SecondMeeting.Action01));
        Assert.Equal("due in 21 days", Due(SecondMeeting.Action02));
        Assert.Equal("not-for-publication", page.QuerySelector(".banner")!.GetAttribute("data-classification"));
        Assert.Equal("OPSG_AR_20200410", page.QuerySelector("[data-field=document-id]").Text());
    }

    [Fact]
    public async Task GivenAcceptJson_ThenTheSameRowsComeAsJson()
    {
        var response = await _secas.GetAsync("/api/actions-register");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var register = await response.Json_();

        Assert.Equal("2020-04-10", register["asOf"]!.GetValue<string>());
        var rows = register["actions"]!.AsArray().Select(r => r!).ToList();
        Assert.Equal(OpenActions, rows.Select(r => r["actionId"]!.GetValue<string>()));
        Assert.Equal([_seedCase, _seedCase, _nextCase, _nextCase], rows.Select(r => r["caseId"]!.GetValue<string>()));
        Assert.Equal(["OPSG_29xxx", "OPSG_29xxx", SecondMeeting.MeetingId, SecondMeeting.MeetingId], rows.Select(r => r["meetingId"]!.GetValue<string>()));
        Assert.Equal([0, 7, 3, 0], rows.Select(r => r["daysOverdue"]!.GetValue<int>()));
        Assert.All(rows, r => Assert.Equal("open", r["status"]!.GetValue<string>()));

        var revised = rows[1];
        Assert.Null(revised["targetDate"]);
        Assert.Equal("2020-04-03", revised["currentTarget"]!.GetValue<string>());
        Assert.Equal("plan review slipped", revised["revisions"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("overdue by 7 days", revised["due"]!.GetValue<string>());
        Assert.Equal((4, 2), (register["openCount"]!.GetValue<int>(), register["overdueCount"]!.GetValue<int>()));
    }

    [Fact]
    public async Task GivenIncludeClosed_ThenTheClosedActionsOfBothCasesAreListedToo()
    {
        var register = await (await _secas.GetAsync("/api/actions-register?includeClosed=true")).Json_();
        var rows = register["actions"]!.AsArray().Select(r => r!).ToList();

        Assert.Equal(["OPSG 29xxx/02", "OPSG 29xxx/03", "OPSG 29xxx/01", SecondMeeting.Action01, SecondMeeting.Action02, SecondMeeting.Action03], rows.Select(r => r["actionId"]!.GetValue<string>()));
        var closed = rows.Where(r => r["status"]!.GetValue<string>() == "closed").ToList();
        Assert.Equal([null, "2020-03-30"], closed.Select(r => r["closedOn"]?.GetValue<string>())); // /01's note gives no date
        Assert.All(closed, r => Assert.Null(r["due"]));

        var page = Parse(await (await GetHtmlAsync("Secas", "?includeClosed=true")).Content.ReadAsStringAsync());
        Assert.Equal(6, page.QuerySelectorAll("tr[data-action]").Length);
        Assert.Equal("2", page.QuerySelector("[data-field=summary]")!.GetAttribute("data-closed"));
    }

    [Theory]
    [InlineData("Panel")]
    [InlineData("Dcc")]
    [InlineData("Tag")]
    public async Task GivenARoleOutsideTheMeeting_ThenForbidden(string role) =>
        Assert.Equal(HttpStatusCode.Forbidden, (await GetHtmlAsync(role)).StatusCode);

    [Fact]
    public async Task GivenNoCredentials_ThenUnauthorized()
    {
        using var anonymous = _app.ClientAs(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/actions-register")).StatusCode);
    }
}
