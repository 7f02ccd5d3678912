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
}
