using System.Net;
using System.Text.RegularExpressions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>Seed 004's OPSG_25 minuted through the public API only, once; each test reads what that recorded.</summary>
public sealed class Seed004Minuted : OpsgAppFixture
{
    public HttpClient Secas { get; private set; } = null!;
    public List<string> ActionIds { get; } = [];
    public string Minutes { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Secas = App.ClientAs("Secas");
        await Secas.PostJson("/api/meetings", Seed004Meeting.PreviousMeeting).ExpectAsync(HttpStatusCode.Created);
        await Secas.PostJson("/api/meetings", Seed004Meeting.Meeting).ExpectAsync(HttpStatusCode.Created);
        const string meeting = "/api/meetings/" + Seed004Meeting.Id;
        await Secas.PutJson(meeting + "/attendance", Seed004Meeting.Attendance).ExpectAsync(HttpStatusCode.OK);
        foreach (var item in Seed004Meeting.Items)
        {
            await Secas.PostJson(meeting + "/items", new { number = item.Number, title = item.Title, narrative = item.Narrative, nilReturn = item.NilReturn, standing = item.Standing }).ExpectAsync(HttpStatusCode.Created);
            foreach (var outcome in item.Outcomes)
                await Secas.PostJson($"{meeting}/items/{item.Number}/outcomes", outcome).ExpectAsync(HttpStatusCode.Created);
            foreach (var action in item.Actions)
            {
                var raised = await Secas.PostJson($"{meeting}/items/{item.Number}/actions", new { text = action, owner = action.Split(' ')[0] }).ExpectAsync(HttpStatusCode.Created);
                ActionIds.Add(raised["actionId"]!.GetValue<string>());
            }
        }
        foreach (var imported in Seed004Meeting.Imported)
            await Secas.PostJson(meeting + "/imported-actions", imported).ExpectAsync(HttpStatusCode.Created);
        foreach (var review in Seed004Meeting.Reviews)
            await Secas.PostJson(meeting + "/items/3/action-reviews", review).ExpectAsync(HttpStatusCode.Created);
        foreach (var (item, outcome, change) in Seed004Meeting.IssuesLog)
            await Secas.PostJson($"{meeting}/items/{item}/outcomes/{outcome}/issues-log", change).ExpectAsync(HttpStatusCode.Created);
        foreach (var note in Seed004Meeting.Notes)
            await Secas.PostJson(meeting + "/notes", note).ExpectAsync(HttpStatusCode.OK);
        await Secas.PostJson(meeting + "/previous-minutes", new { meetingId = Seed004Meeting.Previous }).ExpectAsync(HttpStatusCode.Accepted);
        var requested = await Secas.PostAsync(meeting + "/minutes", null).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("Running", requested["runtimeStatus"]!.GetValue<string>());
        var first = await WaitForMeetingAsync(Seed004Meeting.Id, m => m["minutes"]!.AsArray().Count >= 1);
        Minutes = await Secas.GetStringAsync(first["minutes"]![0]!["url"]!.GetValue<string>());
    }

    /// <summary>Polls until the condition holds; a deadline, not a timing assertion.</summary>
    public async Task<System.Text.Json.Nodes.JsonNode> WaitForMeetingAsync(string id, Func<System.Text.Json.Nodes.JsonNode, bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        System.Text.Json.Nodes.JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await Secas.GetAsync($"/api/meetings/{id}");
            last = await response.Json_();
            if (response.IsSuccessStatusCode && condition(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Meeting {id} did not reach the expected state: {last?.ToJsonString()}");
    }
}

public sealed class MeetingMinutesTests(Seed004Minuted meeting) : IClassFixture<Seed004Minuted>
{
    private const string Url = "/api/meetings/" + Seed004Meeting.Id;

    [Fact]
    public void ActionsAreNumberedByTheMeetingInTheOrderRaised()
    {
        Assert.Equal(Enumerable.Range(1, 18).Select(n => $"OPSG 25/{n:D2}"), meeting.ActionIds);
    }

    [Fact]
    public void TheMinutesCarryTheMeetingsOwnReferenceAndAreDraft()
    {
        Assert.Contains("OPSG_25_0110", meeting.Minutes);
        Assert.Contains("data-field=\"document-status\">Draft Minutes<", meeting.Minutes);
        Assert.Contains("1 October 2019, 10:00 – 17:00", meeting.Minutes);
        Assert.Contains("The next meeting will be held on 5 November 2019.", meeting.Minutes);
    }

    [Fact]
    public void AttendanceListsMembersByConstituencyInTheGroupsOrderThenApologies()
    {
        var constituencies = Regex.Matches(meeting.Minutes, "data-constituency=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["Operations Group Chair", "DCC", "Network Party", "Large Supplier", "Small Supplier", "Other SEC Party"], constituencies);
        Assert.Contains("data-organisation=\"SECAS\"", meeting.Minutes);
        Assert.Contains("Geoff Huckerby", meeting.Minutes);
    }

    [Fact]
    public void EveryItemPrintsInOrderWithItsOutcomesAndActions()
    {
        var items = Regex.Matches(meeting.Minutes, "data-item=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Enumerable.Range(1, 20), items);
        var printedActions = Regex.Matches(meeting.Minutes, "<strong>ACTION (OPSG 25/\\d+):</strong>").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(meeting.ActionIds, printedActions);
        Assert.DoesNotContain("25/110", meeting.Minutes);
        // Actions print under the item that raised them: 25/07 under item 6, 25/18 under item 18.
        Assert.Matches("data-item=\"6\"(?:(?!data-item=).)*OPSG 25/07", Flat(meeting.Minutes));
        Assert.Matches("data-item=\"18\"(?:(?!data-item=).)*OPSG 25/18", Flat(meeting.Minutes));
    }

    [Fact]
    public void OutcomesUseTheGroupsVerbsWithTheirQualifiers()
    {
        Assert.Contains("<strong>ENDORSED</strong> proposal SIP4931 subject to the DCC providing a cost estimate", meeting.Minutes);
        Assert.Contains("<strong>RECOMMENDED</strong> the work package for approval by the SECCo Board", meeting.Minutes);
        Assert.Contains("<strong>DISCUSSED</strong>", meeting.Minutes);
        Assert.Matches("data-item=\"2\"(?:(?!data-item=).)*<ol class=\"points\">(?:(?!</ol>).)*Supplier of Last Resort", Flat(meeting.Minutes));
        Assert.Matches("data-item=\"7\"(?:(?!data-item=).)*data-field=\"nil-return\">None proposed.<", Flat(meeting.Minutes));
    }

    [Fact]
    public void LinksInTextAreLinksOnlyForHttpsAndMailto()
    {
        Assert.Contains("<a href=\"https://smartenergycodecompany.co.uk/modifications/change-coordination/\">", meeting.Minutes);
        Assert.Contains("<a href=\"mailto:secas@gemserv.com\">secas@gemserv.com</a>", meeting.Minutes);
    }

    [Fact]
    public void PostMeetingNotesPrintInBracketsWhereTheyBelong()
    {
        Assert.Matches("data-item=\"4\"(?:(?!data-outcome=\"2\").)*\\[Post-meeting note: The need to resubmit", Flat(meeting.Minutes));
        Assert.Matches("data-item=\"16\"(?:(?!data-item=).)*\\[Post-meeting note: The Chair asked SECAS", Flat(meeting.Minutes));
    }

    [Fact]
    public async Task ApprovingThePreviousMinutesMakesThatMeetingFinal()
    {
        var previous = await meeting.WaitForMeetingAsync(Seed004Meeting.Previous, m => m["minutesStatus"]!.GetValue<string>() == "final");
        Assert.Equal(Seed004Meeting.Id, previous["final"]!["atMeeting"]!.GetValue<string>());
        // A final record is closed: only an amendment approved at a later meeting changes it.
        var refused = await meeting.Secas.PostJson($"/api/meetings/{Seed004Meeting.Previous}/items", new { number = 1, title = "Late item" });
        await refused.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ANoteAfterTheMinutesRendersANewVersion_AndWhatChangedNamesIt()
    {
        await meeting.Secas.PostJson(Url + "/notes", new { item = 5, on = "2019-10-03", text = "The vend metric will be in the November update." }).ExpectAsync(HttpStatusCode.OK);
        await meeting.WaitForMeetingAsync(Seed004Meeting.Id, m => m["minutes"]!.AsArray().Count >= 2);
        var changes = await meeting.Secas.GetAsync(Url + "/minutes/changes?from=1&to=2").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(changes["changes"]!.AsArray(), c => c!["text"]!.GetValue<string>() == "Item 5: post-meeting note added (3 October 2019).");
        await (await meeting.App.ClientAs("Dcc").GetAsync(Url + "/minutes/changes?from=1&to=2")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await meeting.Secas.GetAsync(Url + "/minutes/changes?from=2&to=1")).ProblemAsync(HttpStatusCode.BadRequest, "from");
        await (await meeting.Secas.GetAsync(Url + "/minutes/changes?from=1&to=99")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DraftMinutesAreForMembersAndSecasOnly()
    {
        var view = await meeting.Secas.GetAsync(Url).ExpectAsync(HttpStatusCode.OK);
        var draft = view["minutes"]![0]!["url"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await meeting.App.ClientAs("OpsgMember").GetAsync(draft)).StatusCode);
        await (await meeting.App.ClientAs("Dcc").GetAsync(draft)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await meeting.App.ClientAs("Panel").GetAsync(Url)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await meeting.App.ClientAs(null).GetAsync(Url)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public void ItemThreeTabulatesTheActionsOutstandingInTheSeedsColumnsAndOrder()
    {
        var flat = Flat(meeting.Minutes);
        var table = Regex.Match(flat, "<div id=\"actions-outstanding\">(.*?)</table>").Groups[1].Value;
        Assert.Matches("data-item=\"3\"(?:(?!data-item=).)*id=\"actions-outstanding\"(?:(?!data-item=).)*ACTION OPSG 25/01", flat);
        Assert.Contains("<th scope=\"col\">Action ID</th><th scope=\"col\">Action</th><th scope=\"col\">Date raised</th><th scope=\"col\">Last target date</th><th scope=\"col\">Revised target date</th><th scope=\"col\">Owner</th>", table);
        var rows = Regex.Matches(table, "<tbody data-action=\"([^\"]+)\" data-status=\"([^\"]+)\">(.*?)</tbody>")
            .ToDictionary(m => m.Groups[1].Value, m => (Status: m.Groups[2].Value, Html: m.Groups[3].Value));
        Assert.Equal(["OPSG 11/02", "OPSG 20/06", "OPSG 23/05", "OPSG 23/06", "OPSG 23/08", "OPSG 23/09", "OPSG 24/02", "OPSG 24/05", "OPSG 24/06", "OPSG 24/08"], rows.Keys);

        string Cell(string id, string field) => Regex.Match(rows[id].Html, $"data-field=\"{field}\">([^<]*)<").Groups[1].Value;
        Assert.Equal(("28/08/2018", "13/09/2019", "N/A", "DCC"), (Cell("OPSG 11/02", "raised"), Cell("OPSG 11/02", "last-target"), Cell("OPSG 11/02", "revised-target"), Cell("OPSG 11/02", "owner")));
        Assert.Equal(("superseded", "Superseded by OPSG 25/01."), (rows["OPSG 11/02"].Status, Cell("OPSG 11/02", "status-detail")));
        Assert.Equal(("transferred", "Transferred to the TABASC."), (rows["OPSG 24/06"].Status, Cell("OPSG 24/06", "status-detail")));
        Assert.Equal(("moved-to-project", "The work continues in the Operational Metrics Project."), (rows["OPSG 20/06"].Status, Cell("OPSG 20/06", "status-detail")));
        foreach (var id in new[] { "OPSG 11/02", "OPSG 20/06", "OPSG 24/06" }) Assert.Equal("Closed", Cell(id, "status"));
        foreach (var id in new[] { "OPSG 23/05", "OPSG 23/06", "OPSG 23/08", "OPSG 23/09", "OPSG 24/02", "OPSG 24/08" })
            Assert.Equal((id.StartsWith("OPSG 23", StringComparison.Ordinal) ? "06/08/2019" : "03/09/2019", "01/10/2019", "05/11/2019", "Open"),
                (Cell(id, "raised"), Cell(id, "last-target"), Cell(id, "revised-target"), Cell(id, "status")));
        Assert.Equal(("To be determined", "Open"), (Cell("OPSG 24/05", "revised-target"), Cell("OPSG 24/05", "status")));
        Assert.Equal("DNOs/DCC", Cell("OPSG 23/09", "owner"));
        Assert.Contains("<strong>Action Status:</strong>", rows["OPSG 23/05"].Html);
        Assert.Contains("a second triage for DNO incidents", rows["OPSG 11/02"].Html);
    }

    [Fact]
    public async Task TheRegisterAsOfADateReadsTheActionsAsTheyStoodThen()
    {
        async Task<System.Text.Json.Nodes.JsonArray> MeetingActionsOn(string date)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/actions-register?asOf={date}");
            request.Headers.Accept.ParseAdd("application/json");
            return (await meeting.Secas.SendAsync(request).ExpectAsync(HttpStatusCode.OK))["meetingActions"]!.AsArray();
        }
        System.Text.Json.Nodes.JsonNode? Row(System.Text.Json.Nodes.JsonArray rows, string id) => rows.FirstOrDefault(r => r!["actionId"]!.GetValue<string>() == id);

        // The day before OPSG_25: 11/02 still open and 17 days past its 13 September target; nothing of OPSG_25 yet.
        var before = await MeetingActionsOn("2019-09-30");
        Assert.Equal(17, Row(before, "OPSG 11/02")!["daysOverdue"]!.GetValue<int>());
        Assert.Null(Row(before, "OPSG 25/01"));
        Assert.Equal("01/10/2019", Row(before, "OPSG 23/05")!["target"]!.GetValue<string>());

        // At the end of the meeting's day: the closed ones are gone, the re-targeted ones are not overdue, the new ones are there.
        var after = await MeetingActionsOn("2019-10-01");
        Assert.Null(Row(after, "OPSG 11/02"));
        Assert.Null(Row(after, "OPSG 24/06"));
        Assert.Equal(("05/11/2019", 0), (Row(after, "OPSG 23/05")!["target"]!.GetValue<string>(), Row(after, "OPSG 23/05")!["daysOverdue"]!.GetValue<int>()));
        Assert.StartsWith("OPSG 25: open, target revised to 05/11/2019.", Row(after, "OPSG 23/05")!["latestReview"]!.GetValue<string>());
        Assert.NotNull(Row(after, "OPSG 25/18"));

        await (await meeting.Secas.GetAsync("/api/actions-register?asOf=01/10/2019")).ProblemAsync(HttpStatusCode.BadRequest, "asOf");
    }

    [Fact]
    public async Task AnActionsHistoryAcrossMeetingsIsReadByTheMeetingItsIdNames()
    {
        var dcc = meeting.App.ClientAs("Dcc");
        var superseded = await dcc.GetAsync("/api/meetings/OPSG_11/actions/2").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("OPSG 11/02", "OPSG_11", "OPSG_25", "closed"), (superseded.Text("actionId"), superseded.Text("raisedAt"), superseded.Text("importedAt"), superseded.Text("status")));
        var review = Assert.Single(superseded["reviews"]!.AsArray())!;
        Assert.Equal(("OPSG_25", "2019-10-01", "superseded", "OPSG 25/01", 3), (review.Text("meetingId"), review.Text("heldOn"), review.Text("outcome"), review.Text("supersededBy"), review["item"]!.GetValue<int>()));

        var retargeted = await dcc.GetAsync("/api/meetings/OPSG_23/actions/5").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("open", "2019-11-05", "2019-10-01"), (retargeted.Text("status"), retargeted.Text("currentTarget"), retargeted.Text("target")));
        var raisedHere = await dcc.GetAsync("/api/meetings/OPSG_25/actions/1").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("OPSG_25", 0), (raisedHere.Text("raisedAt"), raisedHere["reviews"]!.AsArray().Count));

        await (await dcc.GetAsync("/api/meetings/OPSG_11/actions/99")).ProblemAsync(HttpStatusCode.NotFound);
        await (await dcc.GetAsync("/api/meetings/OPSG_11/actions/100")).ProblemAsync(HttpStatusCode.BadRequest, "meetingId");
    }

    [Fact]
    public async Task WhatIsOutstandingAtTheMeetingIsReadableAsJson()
    {
        var rows = (await meeting.App.ClientAs("Dcc").GetAsync(Url + "/actions-outstanding").ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal(10, rows.Count);
        Assert.All(rows, r => Assert.True(r!["reviewed"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task WhatTheGroupAgreedForTheIssuesLogIsInTheItemsAndInTheLogAsOfTheMeeting()
    {
        var flat = Flat(meeting.Minutes);
        Assert.Contains("Added to the OPSG Issues Log as IL 25/01: Alerts and aged incidents.", Item(flat, 16));
        Assert.Contains("Added to the OPSG Issues Log as IL 25/03: Remaining data quality matters (from the DQISG", Item(flat, 18));
        Assert.DoesNotContain("Issues Log", Item(flat, 15));

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/issues-log?asOf=2019-10-01");
        request.Headers.Accept.ParseAdd("application/json");
        var log = await meeting.App.ClientAs("Dcc").SendAsync(request).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["IL 25/01", "IL 25/02", "IL 25/03"], log["entries"]!.AsArray().Select(e => e!["issueId"]!.GetValue<string>()));
        Assert.Equal(3, log["openCount"]!.GetValue<int>());
        var before = new HttpRequestMessage(HttpMethod.Get, "/api/issues-log?asOf=2019-09-30");
        before.Headers.Accept.ParseAdd("application/json");
        Assert.Empty((await meeting.Secas.SendAsync(before).ExpectAsync(HttpStatusCode.OK))["entries"]!.AsArray());
        var html = new HttpRequestMessage(HttpMethod.Get, "/api/issues-log?asOf=2019-10-01");
        html.Headers.Accept.ParseAdd("text/html");
        var page = await (await meeting.Secas.SendAsync(html)).Content.ReadAsStringAsync();
        Assert.Contains("data-issue=\"IL 25/02\" data-status=\"open\"", page);
    }

    [Fact]
    public void ThePanelFeedbackItemSaysByItselfWhatThePanelDecidedSinceTheLastMeeting()
    {
        Assert.Contains("The Panel decided no readiness case since the last meeting.", Item(Flat(meeting.Minutes), 2));
        Assert.DoesNotContain("data-field=\"panel-decisions\"", Item(Flat(meeting.Minutes), 4));
    }

    private static string Item(string flat, int number) => Regex.Match(flat, $"data-item=\"{number}\"(.*?)</section>").Groups[1].Value;

    private static string Flat(string html) => html.Replace("\n", " ", StringComparison.Ordinal);
}
