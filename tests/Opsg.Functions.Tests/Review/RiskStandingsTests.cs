using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Review;

/// <summary>
/// Seed 002's risk 5: the OPSG accepted it and would remove it once TAG members approve. It stays an
/// accepted risk, removal pending, until the TAG's view settles it: removed, or kept as accepted. Every
/// reader (the review, the minutes, the Panel report and its picture) reads the one answer.
/// </summary>
public sealed class RiskStandingsTests
{
    private static readonly TagViewRecorded TagSaysNothing = Seed002Recorded.TagView();

    private static TagViewRecorded TagOnRisk5(RiskRemoval removal) => TagSaysNothing with
    {
        Risks = [.. TagSaysNothing.Risks.Select(r => r.Number == 5 ? r with { Removal = removal } : r)],
    };

    private static CaseState AfterMeeting(TagViewRecorded? tag, bool tagFirst = false) => History.Given(Seed002Recorded.CaseId,
        tag is null ? [.. Seed002Recorded.Opening(), .. Seed002Recorded.Meeting()]
        : tagFirst ? [.. Seed002Recorded.Opening(), tag, .. Seed002Recorded.Meeting()]
        : [.. Seed002Recorded.Opening(), .. Seed002Recorded.Meeting(), tag]);

    [Fact]
    public void GivenRisk5AcceptedWithItsRemovalPending_WhenTheTagHasNotSaid_ThenItStandsAcceptedRemovalPending()
    {
        foreach (var state in new[] { AfterMeeting(null), AfterMeeting(TagSaysNothing) })
        {
            var standing = RiskStandings.On(state, 5)!;
            Assert.Equal(RiskDecision.AcceptedRemovalPendingTagApproval, standing.Now);
            Assert.False(standing.SettledByTag);
        }
    }

    [Theory]
    [InlineData(RiskRemoval.Approved, RiskDecision.Removed, false)]
    [InlineData(RiskRemoval.NotApproved, RiskDecision.Accepted, false)]
    [InlineData(RiskRemoval.Approved, RiskDecision.Removed, true)]
    public void GivenRisk5RemovalPending_WhenTheTagGivesItsView_ThenItSettlesIt(RiskRemoval removal, RiskDecision now, bool tagFirst)
    {
        var standing = RiskStandings.On(AfterMeeting(TagOnRisk5(removal), tagFirst), 5)!;
        Assert.Equal(RiskDecision.AcceptedRemovalPendingTagApproval, standing.Decided);
        Assert.Equal(now, standing.Now);
        Assert.True(standing.SettledByTag);
    }

    [Fact]
    public void GivenARiskSimplyAccepted_WhenTheTagApprovesItsRemoval_ThenOnlyTheOpsgsDecisionCounts()
    {
        var tag = TagSaysNothing with { Risks = [.. TagSaysNothing.Risks.Select(r => r.Number == 3 ? r with { Removal = RiskRemoval.Approved } : r)] };
        var standing = RiskStandings.On(AfterMeeting(tag), 3)!;
        Assert.Equal(RiskDecision.Accepted, standing.Now);
        Assert.False(standing.SettledByTag);
    }

    [Fact]
    public void GivenRisk5Pending_ThenTheRecommendationIsUnchangedByItWhicheverWayTheTagGoes()
    {
        var expected = "Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 2, 3 and 9.";
        Assert.Equal(expected, PanelRecommendation.For(AfterMeeting(TagSaysNothing)).Summary);
        Assert.Equal(expected, PanelRecommendation.For(AfterMeeting(TagOnRisk5(RiskRemoval.Approved))).Summary);
        Assert.Equal(expected, PanelRecommendation.For(AfterMeeting(TagOnRisk5(RiskRemoval.NotApproved))).Summary);
    }

    [Fact]
    public void GivenRisk5Pending_ThenThePanelReportShowsItAcceptedRemovalPendingAndDrawsItSolidNotHatched()
    {
        var report = Render(ReportKinds.PanelReport, AfterMeeting(TagSaysNothing));
        var row = report.QuerySelector("table.risks tr[data-risk='5']")!;
        Assert.Equal("accepted-removal-pending-tag-approval", row.GetAttribute("data-standing"));
        Assert.Equal("Accepted; removal pending TAG approval", row.QuerySelector("[data-field=decision] span").Text());
        Assert.Null(row.QuerySelector("[data-field=settlement]"));
        var bars = Counts(report);
        Assert.Equal("1", bars["accepted-removal-pending-tag-approval"]);
        Assert.Equal("0", bars["needs-tag-approval"]);
        Assert.Equal("5", bars["accepted"]);
    }

    [Theory]
    [InlineData(RiskRemoval.Approved, "removed", "Removed: the TAG approved its removal.", "2", "5")]
    [InlineData(RiskRemoval.NotApproved, "accepted", "Kept as accepted: the TAG did not approve its removal.", "1", "6")]
    public void GivenTheTagSettledRisk5_ThenTheMinutesThePanelReportAndItsPictureShowItAsItStands(RiskRemoval removal, string standing, string settlement, string removed, string accepted)
    {
        var state = AfterMeeting(TagOnRisk5(removal));
        var report = Render(ReportKinds.PanelReport, state);
        var row = report.QuerySelector("table.risks tr[data-risk='5']")!;
        Assert.Equal("accepted-removal-pending-tag-approval", row.GetAttribute("data-decision"));
        Assert.Equal(standing, row.GetAttribute("data-standing"));
        Assert.Equal(settlement, row.QuerySelector("[data-field=settlement]").Text());
        var bars = Counts(report);
        Assert.Equal(removed, bars["removed"]);
        Assert.Equal(accepted, bars["accepted"]);
        Assert.Equal("0", bars["accepted-removal-pending-tag-approval"]);

        var minutes = Render(ReportKinds.DraftMinutes, state);
        Assert.Equal(settlement, minutes.QuerySelector("#risks article[data-risk='5'] [data-field=settlement]").Text());
        Assert.Equal(standing, minutes.QuerySelector("#risks article[data-risk='5']")!.GetAttribute("data-standing"));

        var review = ReviewView.From(state, stage: "").Risks.Single(r => r.Number == 5);
        Assert.Equal(RiskDecision.AcceptedRemovalPendingTagApproval, review.Decision!.Decision);
        Assert.Equal(standing == "removed" ? RiskDecision.Removed : RiskDecision.Accepted, review.Standing);
        Assert.Equal(removal, review.TagRemoval);
    }

    [Theory]
    [InlineData(RiskRemoval.Approved, "Risk 5: removed, as the TAG approved its removal.")]
    [InlineData(RiskRemoval.NotApproved, "Risk 5: kept as accepted, as the TAG did not approve its removal.")]
    public void GivenAPanelReportIssuedBeforeTheTagSettledRisk5_ThenTheNextVersionsChangesSaySo(RiskRemoval removal, string change)
    {
        var changes = ReportChanges.Between(ReportKinds.PanelReport, AfterMeeting(TagSaysNothing), AfterMeeting(TagOnRisk5(removal)));
        Assert.Equal([change], changes.Where(c => c.Subject == "Risk 5").Select(c => c.Text));
    }

    [Fact]
    public void GivenAViewTheTagRecordedBeforeItCouldSayRemoval_WhenItIsRead_ThenItFoldsWithNoRemoval()
    {
        var old = """{"criteria":[{"lsc":4,"decision":"accepted","rag":"green","commentary":"Fine."}],"risks":[{"number":5,"view":"TAG members must approve first."}]}""";
        var view = JsonSerializer.Deserialize<TagViewRecorded>(old, RecordJson.Options)!;
        Assert.Null(view.Risks.Single().Removal);
        Assert.Equal(RiskDecision.AcceptedRemovalPendingTagApproval, RiskStandings.On(AfterMeeting(view), 5)!.Now);
    }

    [Fact]
    public void GivenATagViewWithAnUnknownRemoval_WhenValidated_ThenThatFieldIsInvalid()
    {
        var (view, rejection) = TagView.Validate(new TagViewRequest(null, [new TagRiskRequest(5, "Fine.", "maybe")]));
        Assert.Null(view);
        Assert.Contains("risks[0].removal", rejection!.Errors!.Keys);
    }

    private static Dictionary<string, string> Counts(AngleSharp.Dom.IDocument report) =>
        report.QuerySelectorAll("#risk-summary g[data-decision]").ToDictionary(g => g.GetAttribute("data-decision")!, g => g.QuerySelector(".svg-count").Text());
}
