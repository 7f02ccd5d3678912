using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>The consolidated Panel report of seed 002 carries the meeting's facts, read back from the HTML.</summary>
public sealed class PanelReportTests
{
    private readonly AngleSharp.Dom.IDocument _report = Render(ReportKinds.PanelReport, Seed002Recorded.State());

    [Fact]
    public void GivenSeed002_ThenTheHeaderNamesTheDocumentItsStatusAndClassification()
    {
        Assert.Equal("OPSG_29xxx_2802_seed002_PR", _report.QuerySelector("[data-field=document-id]").Text());
        Assert.Equal("Draft", _report.QuerySelector("[data-field=document-status]").Text());
        Assert.Equal("not-for-publication", _report.QuerySelector(".banner")!.GetAttribute("data-classification"));
        Assert.Equal("28 February 2020", _report.QuerySelector("[data-field=meeting-date]").Text());
        Assert.Equal("98,218", _report.QuerySelector("[data-field=active]").Text());
        Assert.Equal("141,372", _report.QuerySelector("[data-field=total]").Text());
    }

    [Fact]
    public void GivenSeed002_ThenTheRecommendationKeepsTheOpenConditionsAndShowsLsc2Discharged()
    {
        Assert.Equal("Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 3 and 9.",
            _report.QuerySelector("#recommendation [data-field=recommendation]").Text());
        Assert.Equal("Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 2, 3 and 9.",
            _report.QuerySelector("#recommendation [data-field=agreed-at-meeting]").Text());
        var conditions = _report.QuerySelectorAll("#conditions li").ToDictionary(li => int.Parse(li.GetAttribute("data-lsc")!), li => li.GetAttribute("data-discharged"));
        Assert.Equal(new Dictionary<int, string?> { [2] = "true", [3] = "false", [9] = "false" }, conditions);
        Assert.Contains("Residual Risk 13", _report.QuerySelector("#conditions li[data-lsc='3']").Text());
        Assert.Contains("revised BCDR plan", _report.QuerySelector("#conditions li[data-lsc='9']").Text());
    }

    [Theory]
    [InlineData(1, "accepted", "GREEN")]
    [InlineData(2, "accepted-subject-to-condition", "GREEN")]
    [InlineData(3, "accepted-subject-to-condition", "GREEN")]
    [InlineData(6, "status-agreed", "AMBER")]
    [InlineData(7, "accepted", "GREEN")]
    [InlineData(8, "status-agreed", "AMBER")]
    [InlineData(9, "accepted-subject-to-condition", "AMBER")]
    public void GivenSeed002_ThenEachOpsgLscShowsItsDecisionAndRagInTheTableAndThePicture(int lsc, string decision, string rag)
    {
        var row = _report.QuerySelector($"table.lscs tr[data-lsc='{lsc}']")!;
        Assert.Equal("OPSG", row.GetAttribute("data-scope"));
        Assert.Equal(decision, row.QuerySelector("td[data-view=opsg][data-decision]")!.GetAttribute("data-decision"));
        Assert.Equal(rag, row.QuerySelector("td[data-view=opsg][data-field=rag] .rag").Text());
        Assert.Equal("none", row.QuerySelector("td[data-view=tag][data-decision]")!.GetAttribute("data-decision"));
        var cell = _report.QuerySelector($"#rag-grid g[data-lsc='{lsc}'] g[data-body=OPSG]")!;
        Assert.Equal(rag, cell.GetAttribute("data-rag"));
        Assert.Equal(rag, cell.QuerySelector("text").Text());
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public void GivenAnLscWhoseStatusAloneWasAgreed_ThenThePanelReadsStatusAgreedNotAccepted(int lsc) =>
        Assert.StartsWith("Status agreed: AMBER", _report.QuerySelector($"table.lscs tr[data-lsc='{lsc}'] td[data-view=opsg][data-decision]").Text().Trim());

    [Fact]
    public void GivenSeed002_ThenThePanelReadsTheOpsgsDiscussionOfEachCriterionBesideTheTagsCommentary()
    {
        Assert.Contains("could not be called a stable service", _report.QuerySelector("table.lscs tr[data-lsc='6'] td[data-view=opsg] [data-field=commentary]").Text(), StringComparison.Ordinal);
        Assert.Contains("Auxiliary Load circuits", _report.QuerySelector("table.lscs tr[data-lsc='8'] td[data-view=opsg] [data-field=commentary]").Text(), StringComparison.Ordinal);
        Assert.Null(_report.QuerySelector("table.lscs tr[data-lsc='1'] td[data-view=opsg] [data-field=commentary]")); // nothing was said
        Assert.Equal("Negative testing to be closed out by TAG members; no open defect of concern.", _report.QuerySelector("table.lscs tr[data-lsc='5'] td[data-view=tag] [data-field=commentary]").Text());
    }

    [Fact]
    public void GivenSeed002_ThenThePanelReadsTheOpsgsDiscussionOfEachRisk()
    {
        Assert.Contains("reassessed if Core Release 1.1 is not in by 6 May", _report.QuerySelector("table.risks tr[data-risk='10'] [data-field=discussion]").Text(), StringComparison.Ordinal);
        Assert.Contains("TAG members", _report.QuerySelector("table.risks tr[data-risk='5'] [data-field=discussion]").Text(), StringComparison.Ordinal);
        Assert.Equal(Seed002Recorded.RiskNumbers.Length, _report.QuerySelectorAll("table.risks [data-field=discussion]").Length);
    }

    [Fact]
    public void GivenSeed002_ThenTheTagViewsSitBesideTheOpsgViews()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], _report.QuerySelectorAll("table.lscs tbody tr").Select(r => int.Parse(r.GetAttribute("data-lsc")!)));
        var lsc5 = _report.QuerySelector("table.lscs tr[data-lsc='5']")!;
        Assert.Equal("TAG", lsc5.GetAttribute("data-scope"));
        Assert.Equal("AMBER", lsc5.QuerySelector("td[data-view=tag][data-field=rag] .rag").Text());
        Assert.Equal("AMBER", _report.QuerySelector("#rag-grid g[data-lsc='5'] g[data-body=TAG]")!.GetAttribute("data-rag"));
        Assert.Equal("Not given", _report.QuerySelector("#rag-grid g[data-lsc='5'] g[data-body=OPSG] text").Text());
    }

    [Theory]
    [InlineData(3, "accepted")]
    [InlineData(4, "removed")]
    [InlineData(5, "accepted-removal-pending-tag-approval")]
    [InlineData(8, "accepted")]
    [InlineData(9, "accepted")]
    [InlineData(10, "accepted")]
    [InlineData(12, "accepted-subject-to-action")]
    [InlineData(13, "accepted")]
    public void GivenSeed002_ThenEveryRiskShowsItsDecision(int number, string decision) =>
        Assert.Equal(decision, _report.QuerySelector($"table.risks tr[data-risk='{number}']")!.GetAttribute("data-decision"));

    [Fact]
    public void GivenSeed002_ThenRisk12ShowsItsCaveatRemovedAndTheSummaryCountsEveryRisk()
    {
        Assert.NotNull(_report.QuerySelector("table.risks tr[data-risk='12'] [data-field=caveat-discharged]"));
        Assert.Null(_report.QuerySelector("table.risks tr[data-risk='13'] [data-field=caveat-discharged]"));
        Assert.Equal(Seed002Recorded.RiskNumbers, _report.QuerySelectorAll("table.risks tbody tr").Select(r => int.Parse(r.GetAttribute("data-risk")!)));
        var counts = _report.QuerySelectorAll("#risk-summary g[data-decision]").ToDictionary(g => g.GetAttribute("data-decision")!, g => g.QuerySelector(".svg-count").Text());
        Assert.Equal("5", counts["accepted"]);
        Assert.Equal("1", counts["accepted-removal-pending-tag-approval"]);
        Assert.Equal("0", counts["needs-tag-approval"]);
        Assert.Equal("1", counts["removed"]);
        Assert.Equal("1", counts["accepted-subject-to-action"]);
        Assert.Equal("0", counts["none"]);
    }

    [Fact]
    public void GivenSeed002_ThenLsc6sAmberCarriesTheGroupsNoteThatItShouldNotAffectTheRecommendation() =>
        Assert.Contains("should not affect the recommendation to go live", _report.QuerySelector("table.lscs tr[data-lsc='6'] td[data-view=opsg][data-decision]").Text(), StringComparison.Ordinal);

    [Fact]
    public void GivenSeed002_ThenThePanelReadsThePostMeetingNotesWhereTheyBelong()
    {
        Assert.Equal(["PMN-2"], _report.QuerySelectorAll("table.lscs tr[data-lsc='2'] .note").Select(n => n.GetAttribute("data-note")));
        Assert.Equal(["PMN-5"], _report.QuerySelectorAll("table.lscs tr[data-lsc='9'] .note").Select(n => n.GetAttribute("data-note")));
        Assert.StartsWith("[Post-meeting note: Telefonica cannot meet", _report.QuerySelector("table.lscs tr[data-lsc='9'] .note").Text(), StringComparison.Ordinal);
        Assert.Equal(["PMN-4"], _report.QuerySelectorAll("table.risks tr[data-risk='12'] .note").Select(n => n.GetAttribute("data-note")));
    }

    [Theory]
    [InlineData(3, "Accept")]
    [InlineData(4, "Remove: no longer a risk")]
    [InlineData(5, "Accept and remove")]
    [InlineData(8, "Accept")]
    public void GivenSeed002_ThenEachRiskOfTheDccShowsItsProposal(int risk, string proposal) =>
        Assert.Equal(proposal, _report.QuerySelector($"table.risks tr[data-risk='{risk}'] td:nth-child(3)").Text());

    [Fact]
    public void GivenSeed002_ThenRisk12NamesTheActionItWasAcceptedSubjectTo() =>
        Assert.Contains($"({Seed002Recorded.Action02})", _report.QuerySelector("table.risks tr[data-risk='12'] [data-field=decision]").Text(), StringComparison.Ordinal);

    [Fact]
    public void GivenSeed002_ThenOnlyTheOpenActionIsListed()
    {
        var rows = _report.QuerySelectorAll("#open-actions tr[data-action]");
        Assert.Equal([Seed002Recorded.Action03], rows.Select(r => r.GetAttribute("data-action")));
        Assert.Equal("Open", rows[0].QuerySelector("[data-field=status]").Text());
        var closed = _report.QuerySelector("[data-field=closed-actions]")!;
        Assert.Equal("2", closed.GetAttribute("data-count"));
        Assert.Equal("2 actions raised at the meeting have been closed.", closed.Text());
    }

    [Fact]
    public void GivenTheCaseAtTheMeeting_ThenEveryConditionIsOutstandingAndTheRecommendationNamesLscs2_3And9()
    {
        var atMeeting = Render(ReportKinds.PanelReport, Seed002Recorded.AtMeeting());
        Assert.Equal("Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 2, 3 and 9.",
            atMeeting.QuerySelector("[data-field=recommendation]").Text());
        Assert.All(atMeeting.QuerySelectorAll("#conditions li"), li => Assert.Equal("false", li.GetAttribute("data-discharged")));
        Assert.Null(atMeeting.QuerySelector("#criteria .note")); // the TAG gave its view before the meeting
    }

    [Fact]
    public void GivenAMeetingHeldBeforeTheTagGaveItsView_ThenTheReportSaysItHasNotBeenReceived()
    {
        // The same requests without the TAG's: the API takes the meeting and the decisions whether or not the TAG has replied.
        var withoutTag = Render(ReportKinds.PanelReport, Seed002Recorded.Fold(Seed002Recorded.UntilMeetingClosed().Where(e => e is not TagViewRecorded)));
        Assert.Equal("The TAG’s view has not been received yet.", withoutTag.QuerySelector("#criteria .note").Text());
    }
}
