using System.Net;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>
/// A readiness case is one item of the meeting that reviewed it (seed 002 at an extraordinary meeting): the review's
/// parts print as that item's section of the meeting's minutes, through the public API only.
/// </summary>
public sealed class CaseOnTheAgendaTests(MeetingApp app) : IClassFixture<MeetingApp>
{
    private readonly HttpClient _secas = app.App.ClientAs("Secas");

    [Fact]
    public async Task AReviewedCasePrintsItsCriteriaRisksActionsAndRecommendationUnderItsItem()
    {
        var meetingId = "OPSG_29x" + Guid.NewGuid().ToString("N")[..8];
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, app.App.ClientAs("Dcc"), meetingId);
        await ReviewRecording.RecordMeetingAsync(_secas, app.App.ClientAs("Tag"), caseId);
        await _secas.PostJson("/api/meetings", new { meetingId, kind = "extraordinary", date = "2020-02-28", startTime = "10:00", endTime = "12:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        var meeting = "/api/meetings/" + meetingId;
        await _secas.PostJson(meeting + "/items", new { number = 1, title = "Introductions" }).ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson(meeting + "/items", new { number = 2, title = "SMETS1 readiness: component readiness and the Live Service Criteria", caseId }).ExpectAsync(HttpStatusCode.Created);
        await _secas.PostAsync(meeting + "/minutes", null).ExpectAsync(HttpStatusCode.Accepted);

        var minutes = "";
        await EngineChecks.UntilAsync(async () =>
        {
            var response = await _secas.GetAsync(meeting + "/minutes/v1");
            if (response.StatusCode == HttpStatusCode.OK) minutes = await response.Content.ReadAsStringAsync();
            return minutes.Length > 0;
        }, "the meeting's minutes");

        var item = System.Text.RegularExpressions.Regex.Match(minutes.Replace("\n", " ", StringComparison.Ordinal), "data-item=\"2\"(.*?)</section>").Groups[1].Value;
        Assert.Contains($"data-case=\"{caseId}\"", item);
        Assert.Contains("<table class=\"lscs\">", item);
        Assert.Contains("<table class=\"risks\">", item);
        Assert.Contains("OPSG 29", item); // the actions raised on the case, under the meeting's numbering
        Assert.Contains("data-field=\"case-recommendation\"", item);
        Assert.DoesNotContain("data-case=", System.Text.RegularExpressions.Regex.Match(minutes.Replace("\n", " ", StringComparison.Ordinal), "data-item=\"1\"(.*?)</section>").Groups[1].Value);

        // The next meeting approves these minutes: the case reviewed here has its minutes approved at that meeting too.
        var next = "OPSG_30x" + Guid.NewGuid().ToString("N")[..8];
        await _secas.PostJson("/api/meetings", new { meetingId = next, kind = "ordinary", date = "2020-03-24", startTime = "10:00", endTime = "12:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"/api/meetings/{next}/previous-minutes", new { meetingId }).ExpectAsync(HttpStatusCode.Accepted);
        await EngineChecks.UntilAsync(async () => (await app.App.HistoryAsync(caseId)).Any(e =>
            e.Event is Functions.Review.MinutesApproved { AtMeeting: var at } && at == next
            || e.Event is Functions.Steps.ExternalEventRaised { Name: "MinutesApproved" } raised && raised.Payload.Contains(next, StringComparison.Ordinal)), "the case's minutes approved at the next meeting");
    }

    [Fact]
    public async Task ACaseReviewedAtAMeetingOfItsOwn_PrintsThatMeetingsAttendance_RecordedOnceThere()
    {
        var meetingId = "OPSG_29y" + Guid.NewGuid().ToString("N")[..8];
        var dcc = app.App.ClientAs("Dcc");
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, dcc, meetingId);
        await app.App.ClientAs("Tag").PostJson($"/api/cases/{caseId}/raiseEvent/TagView", Seed002Review.TagView).ExpectAsync(HttpStatusCode.OK);
        await _secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview).ExpectAsync(HttpStatusCode.OK);
        // The case's meeting without attendance: the meeting's record holds it.
        await _secas.PutJson($"/api/cases/{caseId}/meeting", new { date = "2020-02-28", startTime = "10:00", endTime = "12:00", venue = "Teleconference" }).ExpectAsync(HttpStatusCode.OK);
        await _secas.PostJson("/api/meetings", new { meetingId, kind = "extraordinary", date = "2020-02-28", startTime = "10:00", endTime = "12:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        await _secas.PutJson($"/api/meetings/{meetingId}/attendance", new
        {
            attendees = new object[] { new { name = "Ada Quillfeather", constituency = "operationsGroupChair" }, new { name = "Bram Otterley", constituency = "dcc" } },
            apologies = new object[] { new { name = "Cleo Marchbank", constituency = "smallSupplier" } },
        }).ExpectAsync(HttpStatusCode.OK);

        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, "draft-minutes");
        var response = await _secas.GetAsync($"/api/cases/{caseId}/reports/draft-minutes/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var minutes = await response.Content.ReadAsStringAsync();
        Assert.Contains("Ada Quillfeather", minutes);
        Assert.Contains("Bram Otterley", minutes);
        Assert.Contains("Cleo Marchbank", minutes);
    }

    [Fact]
    public async Task ACaseOnTheAgendaMustExistNotBelongToAnotherMeetingAndAppearOnce()
    {
        var meetingId = "OPSG_29y" + Guid.NewGuid().ToString("N")[..8];
        await _secas.PostJson("/api/meetings", new { meetingId, kind = "extraordinary", date = "2020-01-15", startTime = "10:00", endTime = "12:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        var items = $"/api/meetings/{meetingId}/items";
        await (await _secas.PostJson(items, new { number = 2, title = "Readiness", caseId = "nosuchcase" })).ProblemAsync(HttpStatusCode.NotFound);

        var elsewhere = await ReviewRecording.OpenAndSubmitAsync(_secas, app.App.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(_secas, app.App.ClientAs("Tag"), elsewhere);
        await (await _secas.PostJson(items, new { number = 2, title = "Readiness", caseId = elsewhere })).ProblemAsync(HttpStatusCode.Conflict);

        var open = await ReviewRecording.OpenAndSubmitAsync(_secas, app.App.ClientAs("Dcc"), meetingId);
        await _secas.PostJson(items, new { number = 2, title = "Readiness", caseId = open }).ExpectAsync(HttpStatusCode.Created);
        await (await _secas.PostJson(items, new { number = 3, title = "Readiness again", caseId = open })).ProblemAsync(HttpStatusCode.Conflict);
    }

    /// <summary>
    /// An action a case raised outlives the case's final minutes: a later meeting lists it as outstanding and reviews it;
    /// a closing review is copied onto the case, discharging the condition the action delivers (seed 002's LSC 9 and
    /// /03); a re-target moves the case's current target; a closed action is not reviewed again.
    /// </summary>
    [Fact]
    public async Task ACasesActionIsReviewedAtALaterMeetingAfterItsMinutesAreFinal_AndTheCaseFollows()
    {
        var raisedAt = "OPSG_29" + Letters();
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, app.App.ClientAs("Dcc"), raisedAt);
        await ReviewRecording.RecordMeetingAsync(_secas, app.App.ClientAs("Tag"), caseId);
        await _secas.PostJson($"/api/cases/{caseId}/raiseEvent/MinutesApproved", Seed002Review.MinutesApproval).ExpectAsync(HttpStatusCode.OK);
        var (first, delivering) = (Functions.Review.ReviewFacts.ActionId(raisedAt, 1), Functions.Review.ReviewFacts.ActionId(raisedAt, 3));
        Assert.False(await Lsc9DischargedAsync(caseId));

        var later = "OPSG_30" + Letters();
        await _secas.PostJson("/api/meetings", new { meetingId = later, kind = "ordinary", date = "2020-03-24", startTime = "10:00", endTime = "12:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"/api/meetings/{later}/items", new { number = 3, title = "Actions outstanding" }).ExpectAsync(HttpStatusCode.Created);
        var outstanding = (await (await _secas.GetAsync($"/api/meetings/{later}/actions-outstanding")).Json_()).AsArray().Select(a => a!.Text("actionId")).ToList();
        Assert.Contains(first, outstanding);
        Assert.Contains(delivering, outstanding);

        await _secas.PostJson($"/api/meetings/{later}/items/3/action-reviews", new { actionId = delivering, discussion = "The revised BCDR plan was published.", outcome = "closed" })
            .ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"/api/meetings/{later}/items/3/action-reviews", new { actionId = first, discussion = "Awaiting the DCC's update.", revisedTarget = "2020-06-30", outcome = "open" })
            .ExpectAsync(HttpStatusCode.Created);

        await EngineChecks.UntilAsync(() => Lsc9DischargedAsync(caseId), "LSC 9's condition discharged on the case by the later meeting's review of the action delivering it");
        var actions = (await _secas.ReviewAsync(caseId))["actions"]!.AsArray();
        var closed = actions.Single(a => a!.Text("id") == delivering)!;
        Assert.Equal("closed", closed.Text("status"));
        Assert.Equal("2020-03-24", closed.Text("closedOn"));
        Assert.Contains("The revised BCDR plan was published.", closed.Text("closingNote"), StringComparison.Ordinal);
        await EngineChecks.UntilAsync(async () => (await _secas.ReviewAsync(caseId))["actions"]!.AsArray().Single(a => a!.Text("id") == first)!["currentTarget"]?.GetValue<string>() == "2020-06-30",
            "the re-target copied onto the case");

        // The register lists the case's actions under the case only, closed as the later meeting closed it.
        var register = await (await _secas.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/actions-register?includeClosed=true&asOf=2020-04-01") { Headers = { { "Accept", "application/json" } } })).Json_();
        Assert.DoesNotContain(register["meetingActions"]!.AsArray(), a => a!.Text("actionId") == delivering);
        Assert.Contains(register["actions"]!.AsArray(), a => a!.Text("actionId") == delivering && a!.Text("status") == "closed");
        var dayBefore = await (await _secas.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/actions-register?asOf=2020-03-23") { Headers = { { "Accept", "application/json" } } })).Json_();
        Assert.Contains(dayBefore["actions"]!.AsArray(), a => a!.Text("actionId") == delivering && a!.Text("status") == "open");

        var third = "OPSG_31" + Letters();
        await _secas.PostJson("/api/meetings", new { meetingId = third, kind = "ordinary", date = "2020-04-21", startTime = "10:00", endTime = "12:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"/api/meetings/{third}/items", new { number = 3, title = "Actions outstanding" }).ExpectAsync(HttpStatusCode.Created);
        await (await _secas.PostJson($"/api/meetings/{third}/items/3/action-reviews", new { actionId = delivering, discussion = "Again.", outcome = "closed" })).ProblemAsync(HttpStatusCode.Conflict);
        var atThird = (await (await _secas.GetAsync($"/api/meetings/{third}/actions-outstanding")).Json_()).AsArray();
        Assert.DoesNotContain(atThird, a => a!.Text("actionId") == delivering);
        Assert.Contains(atThird, a => a!.Text("actionId") == first && a!.Text("lastTarget") == "30/06/2020");
    }

    private async Task<bool> Lsc9DischargedAsync(string caseId) =>
        (await _secas.ReviewAsync(caseId))["criteria"]!.AsArray().Single(c => c!["lsc"]!.GetValue<int>() == 9)!["opsg"]!["conditionDischarged"]!.GetValue<bool>();

    /// <summary>Letters only after the meeting's number, so the action IDs it numbers read as the minutes print them.</summary>
    private static string Letters() => new(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))).ToArray());
}
