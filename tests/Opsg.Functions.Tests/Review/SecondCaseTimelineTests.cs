using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Review;

/// <summary>
/// A second readiness case, unlike seed 002, over HTTP on Azurite: the DCC first cites an LSC outside the
/// catalogue and is refused, the TAG sets conditions on both testing LSCs, and a note discharges only the
/// caveat of the risk one of them rests on. The Panel's recommendation and its report must agree with
/// each other and with the rules at every step. The tests share one app and the case's meeting (OPSG_31xxx):
/// only the timeline raises an action there, so its first is /01 whichever test runs first.
/// </summary>
public sealed class SecondCaseTimelineTests(SecondCaseTimelineTests.App fixture) : IClassFixture<SecondCaseTimelineTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");
    private readonly HttpClient _dcc = fixture.App.ClientAs("Dcc");
    private readonly HttpClient _tag = fixture.App.ClientAs("Tag");

    [Fact]
    public async Task GivenTagConditionsACatalogueMissAndARiskOnlyDischarge_ThenThePanelsRecommendationAndReportAgreeWithTheRules()
    {
        var caseId = await _secas.OpenCaseAsync(SecondReadinessCase.OpenCase);
        Assert.Equal("smets1-migration", (await _secas.WaitForAsync(caseId, _ => true)).Text("input.catalogue"));

        // The catalogue: LSC 10 is refused wherever it is cited, and the refusal records nothing.
        var before = await HistorySnapshot.TakeAsync(_app, caseId);
        var miss = await (await _dcc.PostJson($"/api/cases/{caseId}/submissions", SecondReadinessCase.SubmissionCitingLsc10)).ProblemAsync(HttpStatusCode.BadRequest, "tagScope", "criteria[9].lsc");
        Assert.Contains("SMETS1 migration catalogue (LSC 1 to 9)", miss.ErrorsFor("tagScope"), StringComparison.Ordinal);
        await before.AssertUnchangedAsync();

        await _dcc.PostJson($"/api/cases/{caseId}/submissions", SecondReadinessCase.Submission()).ExpectAsync(HttpStatusCode.Accepted);
        await _secas.WaitForAsync(caseId, s => ReviewRecording.HasReport(s, ReportKinds.ReadinessPack, 1));
        var review = await _secas.ReviewAsync(caseId);
        Assert.Equal("Testing of the migrating Device Model Combinations complete", review.Criterion(4).Text("title"));

        before = await HistorySnapshot.TakeAsync(_app, caseId);
        await (await _tag.PostJson($"/api/cases/{caseId}/raiseEvent/TagView", new { criteria = new[] { new { lsc = 10, decision = "accepted", rag = "green", commentary = "Security testing assured." } } }))
            .ProblemAsync(HttpStatusCode.BadRequest, "criteria[0].lsc");
        await before.AssertUnchangedAsync();

        // The meeting: the OPSG's condition on LSC 9, risk 5 accepted subject to an action; the TAG's conditions on LSCs 4 and 5.
        await _secas.PostJson($"/api/cases/{caseId}/review", SecondReadinessCase.OpenReview).ExpectAsync(HttpStatusCode.OK);
        await _secas.PutJson($"/api/cases/{caseId}/meeting", SecondReadinessCase.Meeting).ExpectAsync(HttpStatusCode.OK);
        var action = (await _secas.PostJson($"/api/cases/{caseId}/actions", SecondReadinessCase.NegativeTestingAction).ExpectAsync(HttpStatusCode.Created)).Text("id");
        Assert.Equal("OPSG 31xxx/01", action);
        await _secas.PostJson($"/api/cases/{caseId}/decisions", SecondReadinessCase.Decisions(action)).ExpectAsync(HttpStatusCode.OK);
        await _tag.PostJson($"/api/cases/{caseId}/raiseEvent/TagView", SecondReadinessCase.TagView()).ExpectAsync(HttpStatusCode.OK);

        const string AtMeeting = "Add the Itron dual-fuel DMC to the Eligible Products Combination List, subject to the OPSG's condition on LSC 9 and the TAG's conditions on LSCs 4 and 5.";
        review = await _secas.ReviewAsync(caseId);
        Assert.Equal("proceedSubjectToConditions", review.Text("recommendation.outcome"));
        Assert.Equal(AtMeeting, review.Text("recommendation.summary"));
        Assert.Equal([("tag", 4, false), ("tag", 5, false), ("opsg", 9, false)], Conditions(review));

        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.PanelReport);
        var v1 = await PanelReadsAsync(caseId);
        AssertReportAgrees(v1, review);

        // The note discharges risk 5's caveat and names no LSC; the TAG's condition on LSC 4 rests on it and goes with it.
        await ReviewRecording.AddNoteAsync(_secas, caseId, SecondReadinessCase.Risk5Discharged);
        await _secas.WaitForAsync(caseId, s => ReviewRecording.HasReport(s, ReportKinds.PanelReport, 2));

        const string AfterNote = "Add the Itron dual-fuel DMC to the Eligible Products Combination List, subject to the OPSG's condition on LSC 9 and the TAG's condition on LSC 5.";
        review = await _secas.ReviewAsync(caseId);
        Assert.Equal(AfterNote, review.Text("recommendation.summary"));
        Assert.Equal([("tag", 4, true), ("tag", 5, false), ("opsg", 9, false)], Conditions(review));
        Assert.True(review.Criterion(4)["tag"]!["conditionDischarged"]!.GetValue<bool>());
        Assert.True(review.Risk(5)["caveatDischarged"]!.GetValue<bool>());

        var v2 = await PanelReadsAsync(caseId);
        AssertReportAgrees(v2, review);
        Assert.Equal(AtMeeting, v2.QuerySelector("[data-field=agreed-at-meeting]").Text());
        Assert.Contains("Residual Risk 5", v2.QuerySelector("#conditions li[data-lsc='4'] .note").Text(), StringComparison.Ordinal);

        var changes = (await (await _secas.GetAsync($"/api/cases/{caseId}/reports/panel-report/changes?from=1&to=2")).Json_())["changes"]!.AsArray()
            .Select(c => c!["text"]!.GetValue<string>()).ToList();
        Assert.Contains("LSC 4: the TAG's condition discharged (with the caveat of Residual Risk 5).", changes);
        Assert.Contains("Risk 5: caveat removed.", changes);
        Assert.DoesNotContain(changes, c => c.StartsWith("LSC 5", StringComparison.Ordinal) || c.StartsWith("LSC 9", StringComparison.Ordinal));

        // The TAG withdraws its acceptance of LSC 5: the recommendation stops, as it would for the OPSG.
        await _tag.PostJson($"/api/cases/{caseId}/raiseEvent/TagView", SecondReadinessCase.TagView("notAccepted")).ExpectAsync(HttpStatusCode.OK);
        review = await _secas.ReviewAsync(caseId);
        Assert.Equal("doNotProceed", review.Text("recommendation.outcome"));
        Assert.Equal("Do not add the Itron dual-fuel DMC to the Eligible Products Combination List: LSC 5 not accepted by the TAG.", review.Text("recommendation.summary"));
        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.PanelReport);
        var v3 = await PanelReadsAsync(caseId);
        AssertReportAgrees(v3, review);
        Assert.Equal("do-not-proceed", v3.QuerySelector("#recommendation")!.GetAttribute("data-outcome"));
    }

    [Fact]
    public async Task GivenTwoCasesReviewedAtOneMeeting_ThenTheirDocumentsNeverShareAReference()
    {
        var first = await _secas.OpenCaseAsync(SecondReadinessCase.OpenCase);
        var second = await _secas.OpenCaseAsync(SecondReadinessCase.OpenCase);
        foreach (var caseId in new[] { first, second })
        {
            await _dcc.PostJson($"/api/cases/{caseId}/submissions", SecondReadinessCase.Submission()).ExpectAsync(HttpStatusCode.Accepted);
            await _secas.WaitForAsync(caseId, s => ReviewRecording.HasReport(s, ReportKinds.ReadinessPack, 1));
        }

        var references = new List<string>();
        foreach (var caseId in new[] { first, second })
        {
            var pack = Fixtures.Reports.Parse(await _secas.GetStringAsync($"/api/cases/{caseId}/reports/readiness-pack/v1"));
            var reference = pack.QuerySelector("[data-field=document-id]").Text();
            Assert.Equal($"OPSG_31xxx_1404_{caseId[..8]}_RP", reference);
            references.Add(reference);
        }
        Assert.NotEqual(references[0], references[1]);
    }

    /// <summary>The Panel opens the latest Panel report through a link SECAS sends it, as the Panel does.</summary>
    private async Task<AngleSharp.Dom.IDocument> PanelReadsAsync(string caseId)
    {
        var link = await _secas.PostJson($"/api/cases/{caseId}/links", new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(14) })
            .ExpectAsync(HttpStatusCode.Created);
        var opened = await _app.ClientAs(null).GetAsync(link.Text("url"));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        return Fixtures.Reports.Parse(await opened.Content.ReadAsStringAsync());
    }

    private static List<(string Body, int Lsc, bool Discharged)> Conditions(JsonNode review) =>
        review["recommendation"]!["conditions"]!.AsArray()
            .Select(c => (c!["setBy"]!.GetValue<string>(), c["lsc"]!.GetValue<int>(), c["discharged"]!.GetValue<bool>())).ToList();

    /// <summary>
    /// The report says what the review says: the same recommendation, the same conditions each with its
    /// body and state, and every LSC table cell that shows a condition agreeing with the conditions list.
    /// </summary>
    private static void AssertReportAgrees(AngleSharp.Dom.IDocument report, JsonNode review)
    {
        Assert.Equal(review.Text("recommendation.summary"), report.QuerySelector("[data-field=recommendation]").Text());
        var listed = report.QuerySelectorAll("#conditions li")
            .Select(li => (li.GetAttribute("data-body")!, int.Parse(li.GetAttribute("data-lsc")!), li.GetAttribute("data-discharged") == "true")).ToList();
        Assert.Equal(Conditions(review), listed);
        var tabled = report.QuerySelectorAll("table.lscs tr[data-lsc]")
            .SelectMany(row => row.QuerySelectorAll("td[data-view] [data-field=condition]")
                .Select(cell => (cell.ParentElement!.GetAttribute("data-view")!, int.Parse(row.GetAttribute("data-lsc")!), cell.GetAttribute("data-discharged") == "true")))
            .ToList();
        Assert.Equal(listed, tabled.OrderBy(c => c.Item2).ThenBy(c => c.Item1).ToList());
    }
}
