using System.Net;
using Opsg.Functions.Reports;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;

namespace Opsg.Functions.Tests.Review;

/// <summary>
/// Seed 002's whole readiness review driven over HTTP against Azurite, from the case being opened to
/// the Panel opening its link and the minutes being approved, asserting what the case says after each step.
/// The case is at seed 002's own meeting and gets its action numbers (/01–/03): no other case in this app is reviewed there.
/// Once the post-meeting notes are in, the recorded history must be <see cref="Seed002Recorded"/>'s file, which the
/// render, minutes and Panel report tests fold: after a change to the requests or to what the API records, run this test
/// with OPSG_REGENERATE_FIXTURES=1 to rewrite the file from what the API wrote, and commit it with the change.
/// </summary>
public sealed class Seed002TimelineTests(Seed002TimelineTests.App fixture) : IClassFixture<Seed002TimelineTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");
    private readonly HttpClient _dcc = fixture.App.ClientAs("Dcc");

    [Fact]
    public async Task GivenSeed002_WhenEveryStepIsTakenInOrder_ThenTheCaseSaysWhatTheMinutesSay()
    {
        var caseId = await _secas.OpenCaseAsync();
        Assert.Equal("AwaitingSubmission", (await _secas.WaitForAsync(caseId, _ => true)).Text("customStatus"));

        await _dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Accepted);
        var review = await _secas.ReviewAsync(caseId);
        Assert.Equal("SubmissionReceived", review.Text("stage"));
        Assert.Equal(98218, review["cohort"]!["activeInstallations"]!.GetValue<int>());
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], review["criteria"]!.AsArray().Select(c => c!["lsc"]!.GetValue<int>()));
        Assert.Equal("undetermined", review.Text("recommendation.outcome"));

        await _app.ClientAs("Tag").PostJson($"/api/cases/{caseId}/raiseEvent/TagView", Seed002Review.TagView).ExpectAsync(HttpStatusCode.OK);
        review = await _secas.ReviewAsync(caseId);
        Assert.Equal("amber", review.Criterion(5).Text("tag.rag"));
        Assert.Contains("TAG members must approve", review.Risk(5).Text("tagView"), StringComparison.Ordinal);

        await _secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("InReview", (await _secas.ReviewAsync(caseId)).Text("stage"));

        await _secas.PutJson($"/api/cases/{caseId}/meeting", Seed002Review.Meeting).ExpectAsync(HttpStatusCode.OK);
        review = await _secas.ReviewAsync(caseId);
        Assert.Equal("MeetingHeld", review.Text("stage"));
        Assert.Equal(22, review["meeting"]!["attendees"]!.AsArray().Count);
        Assert.Equal("OPSG_29xxx", review.Text("meeting.meetingId"));

        foreach (var risk in Seed002Review.AddedRisks)
            await _secas.PostJson($"/api/cases/{caseId}/risks", risk).ExpectAsync(HttpStatusCode.OK);
        for (var i = 0; i < Seed002Review.Actions.Length; i++)
        {
            var action = await _secas.PostJson($"/api/cases/{caseId}/actions", Seed002Review.Actions[i]).ExpectAsync(HttpStatusCode.Created);
            Assert.Equal(Seed002Review.ActionIds[i], action.Text("id"));
            Assert.Equal("2020-02-28", action.Text("raisedOn"));
        }
        review = await _secas.ReviewAsync(caseId);
        Assert.Equal([3, 4, 5, 8, 9, 10, 12, 13], review["risks"]!.AsArray().Select(r => r!["number"]!.GetValue<int>()));
        Assert.Equal("SECAS", review.Risk(12).Text("raisedBy"));

        await _secas.PostJson($"/api/cases/{caseId}/decisions", Seed002Review.Decisions).ExpectAsync(HttpStatusCode.OK);
        review = await _secas.ReviewAsync(caseId);
        Assert.Equal(["green", "green", "green", "amber", "green", "amber", "amber"], Seed002.OpsgScope.Select(l => review.Criterion(l).Text("opsg.rag")));
        Assert.Equal(["accepted", "acceptedSubjectToCondition", "acceptedSubjectToCondition", "statusAgreed", "accepted", "statusAgreed", "acceptedSubjectToCondition"],
            Seed002.OpsgScope.Select(l => review.Criterion(l).Text("opsg.decision")));
        Assert.Empty(review["recommendation"]!["undecided"]!.AsArray());
        Assert.Equal("proceedSubjectToConditions", review.Text("recommendation.outcome"));
        Assert.Equal("Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 2, 3 and 9.", review.Text("recommendation.summary"));
        Assert.Equal(["accepted", "removed", "acceptedRemovalPendingTagApproval", "accepted", "accepted", "accepted", "acceptedSubjectToAction", "accepted"],
            review["risks"]!.AsArray().Select(r => r!["decision"]!["decision"]!.GetValue<string>()));
        // The TAG's view came first and gave no view on removing risk 5, so its removal is still pending.
        Assert.Equal("acceptedRemovalPendingTagApproval", review.Risk(5).Text("standing"));

        foreach (var note in Seed002Review.PostMeetingNotes)
            await _secas.PostJson($"/api/cases/{caseId}/notes", note).ExpectAsync(HttpStatusCode.OK);
        review = await _secas.ReviewAsync(caseId);
        Assert.Equal(["closed", "closed", "open"], review["actions"]!.AsArray().Select(a => a!["status"]!.GetValue<string>()));
        Assert.Equal("2020-03-05", review["actions"]![1]!.Text("closedOn"));
        Assert.Null(review["actions"]![0]!["closedOn"]); // closed by a note that gives no date, as in the seed
        Assert.Single(review["notes"]!.AsArray(), n => n!["on"] is not null);
        Assert.True(review.Criterion(2)["opsg"]!["conditionDischarged"]!.GetValue<bool>());
        Assert.False(review.Criterion(3)["opsg"]!["conditionDischarged"]!.GetValue<bool>());
        Assert.True(review.Risk(12)["caveatDischarged"]!.GetValue<bool>());
        Assert.Equal("Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 3 and 9.", review.Text("recommendation.summary"));
        Assert.Equal(5, review["notes"]!.AsArray().Count);
        await AssertRecordedAsSeed002RecordedAsync(caseId);

        // The Panel has been sent nothing on this case: it can neither see it nor decide on it.
        var panel = _app.ClientAs("Panel");
        await panel.PostJson($"/api/cases/{caseId}/raiseEvent/PanelDecision", Seed002Review.PanelDecision).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await panel.GetAsync($"/api/cases/{caseId}")).StatusCode);
        // SECAS records a decision the Panel made elsewhere: there is no report yet, so it is kept until the case waits for it.
        await _secas.PostJson($"/api/cases/{caseId}/raiseEvent/PanelDecision", Seed002Review.PanelDecision).ExpectAsync(HttpStatusCode.Accepted);
        var status = await _secas.WaitForAsync(caseId, _ => true);
        Assert.Equal("PanelDecision", status["pendingEvents"]![0]!.Text("name"));
        Assert.Null((await _secas.ReviewAsync(caseId))["panelDecision"]);

        // SECAS issues the documents; once the Panel report exists the kept decision is applied.
        status = await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.DraftMinutes, ReportKinds.PanelReport, ReportKinds.ActionsRegister);
        Assert.Empty(status["pendingEvents"]!.AsArray());
        review = await _secas.ReviewAsync(caseId);
        Assert.Equal("approvedWithConditions", review.Text("panelDecision.outcome"));

        var link = await _secas.PostJson($"/api/cases/{caseId}/links", new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(14) })
            .ExpectAsync(HttpStatusCode.Created);
        var opened = await _app.ClientAs(null).GetAsync(link.Text("url"));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var report = Fixtures.Reports.Parse(await opened.Content.ReadAsStringAsync());
        Assert.Equal("Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 3 and 9.",
            report.QuerySelector("[data-field=recommendation]").Text());
        Assert.Equal("true", report.QuerySelector("#conditions li[data-lsc='2']")!.GetAttribute("data-discharged"));
        // What the Panel is sent, read back from the report: status-only LSCs, the Group's discussion, risk 5 as it stands.
        Assert.All(new[] { 6, 8 }, l => Assert.StartsWith("Status agreed: AMBER", report.QuerySelector($"table.lscs tr[data-lsc='{l}'] td[data-view=opsg][data-decision]").Text(), StringComparison.Ordinal));
        Assert.Contains("stable service", report.QuerySelector("table.lscs tr[data-lsc='6'] td[data-view=opsg] [data-field=commentary]").Text(), StringComparison.Ordinal);
        Assert.Contains("6 May", report.QuerySelector("table.risks tr[data-risk='10'] [data-field=discussion]").Text(), StringComparison.Ordinal);
        Assert.Equal("accepted-removal-pending-tag-approval", report.QuerySelector("table.risks tr[data-risk='5']")!.GetAttribute("data-standing"));
        Assert.Equal("1", report.QuerySelector("#risk-summary g[data-decision='accepted-removal-pending-tag-approval']")!.GetAttribute("data-count"));

        // The minutes, as SECAS issued them: the DCC's proposals, why the numbers have gaps, the undated note on /01.
        var minutes = Fixtures.Reports.Parse(await _secas.GetStringAsync($"/api/cases/{caseId}/reports/draft-minutes/v1"));
        Assert.Equal("The DCC’s proposal: Accept and remove", minutes.QuerySelector("#risks article[data-risk='5'] [data-field=proposal]").Text());
        Assert.Equal("Accepted; removal pending TAG approval", minutes.QuerySelector("#risks article[data-risk='5'] [data-field=decision]").Text());
        Assert.NotNull(minutes.QuerySelector("#risks [data-field=risk-numbering]"));
        Assert.StartsWith("Status agreed: AMBER", minutes.QuerySelector("#criteria article[data-lsc='8'] .decision").Text(), StringComparison.Ordinal);
        Assert.StartsWith("Condition: Publication of a revised BCDR plan", minutes.QuerySelector("#criteria article[data-lsc='9'] [data-field=condition]").Text(), StringComparison.Ordinal);
        Assert.StartsWith("[Post-meeting note: ", minutes.QuerySelector($"#actions tr[data-action='{Seed002Review.ActionIds[0]}'] .note").Text(), StringComparison.Ordinal);
        Assert.StartsWith("[Post-meeting note, 5 March 2020: ", minutes.QuerySelector($"#actions tr[data-action='{Seed002Review.ActionIds[1]}'] .note").Text(), StringComparison.Ordinal);
        // Signed in, the Panel reads what it was sent on its own route, and nothing else of the case.
        var sent = await panel.GetAsync($"/api/panel/cases/{caseId}/panel-report/v{link["reportVersion"]!.GetValue<int>()}");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(await opened.Content.ReadAsByteArrayAsync(), await sent.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await panel.GetAsync($"/api/panel/cases/{caseId}/panel-report/v99")).StatusCode);
        foreach (var notForThePanel in new[] { $"/api/cases/{caseId}/review", $"/api/cases/{caseId}/reports/draft-minutes/v1", $"/api/cases/{caseId}/reports/panel-report/v1", $"/api/cases/{caseId}?showHistory=true" })
            Assert.Equal(HttpStatusCode.Forbidden, (await panel.GetAsync(notForThePanel)).StatusCode);
        // The opening is in the link access log, not in the case's history.
        Assert.Equal([link.Text("linkId")], (await _app.Service<LinkAccessLog>().ReadAsync(caseId, default)).Select(a => a.LinkId));
        status = await (await _secas.GetAsync($"/api/cases/{caseId}?showHistory=true")).Json_();
        Assert.DoesNotContain(status["historyEvents"]!.AsArray(), e => e!.Text("eventType") == "LinkAccessed");
        Assert.Equal("Running", status.Text("runtimeStatus")); // not complete until the minutes are final

        await _secas.PostJson($"/api/cases/{caseId}/raiseEvent/MinutesApproved", Seed002Review.MinutesApproval).ExpectAsync(HttpStatusCode.OK);
        review = await _secas.ReviewAsync(caseId);
        Assert.Equal("MinutesFinal", review.Text("stage"));
        Assert.Equal("OPSG_30", review.Text("minutesApproved.atMeeting"));
        // The orchestration completes once it has read the approval: Durable's status follows a moment after the record.
        await _secas.WaitForAsync(caseId, s => s.Text("runtimeStatus") == "Completed");
        var completed = await _secas.GetAsync($"/api/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal("MinutesFinal", (await completed.Json_()).Text("customStatus"));
    }

    private async Task AssertRecordedAsSeed002RecordedAsync(string caseId)
    {
        var recorded = Seed002Recorded.Normalise(await _app.HistoryAsync(caseId));
        if (Environment.GetEnvironmentVariable("OPSG_REGENERATE_FIXTURES") == "1")
            await File.WriteAllTextAsync(Seed002Recorded.SourcePath, recorded);
        Assert.Equal(await File.ReadAllTextAsync(Seed002Recorded.SourcePath), recorded);
    }
}
