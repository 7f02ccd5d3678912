using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Links;

/// <summary>Issuing the Panel's link as a pure decider: the classification sets who it names and how long it lasts.</summary>
public sealed class IssueLinkDeciderTests
{
    private static readonly DateTimeOffset Now = new(2020, 3, 6, 10, 0, 0, TimeSpan.Zero);

    private static ReportRendered PanelReport(long scheduled, int version) =>
        new(scheduled, ReportKinds.PanelReport, version, $"seed002/panel-report/v{version}.html", new string('a', 64), new string('b', 64), scheduled);

    /// <summary>Seed 002 after the meeting (not for publication), with Panel report versions rendered.</summary>
    private static CaseState WithPanelReports(Classification classification, params int[] versions)
    {
        RecordEvent[] opening = [.. Seed002Recorded.UntilMeetingClosed().Select(e => e is CaseOpened o ? o with { Classification = classification } : e)];
        var events = opening.ToList();
        foreach (var version in versions)
        {
            events.Add(new ActivityScheduled(ReportSteps.Render, ReportKinds.PanelReport, version, null));
            events.Add(PanelReport(events.Count, version));
        }
        return History.Given(Seed002Recorded.CaseId, [.. events]);
    }

    [Fact]
    public void GivenTwoPanelReportVersions_WhenALinkIsIssued_ThenItPinsTheLatest()
    {
        var issued = Assert.IsType<LinkIssued>(Assert.Single(IssueLink.Decide(WithPanelReports(Classification.NotForPublication, 1, 2), "lnk-1", "SEC Panel secretariat", Now.AddDays(14), Now).Events));
        Assert.Equal((ReportKinds.PanelReport, 2, "lnk-1", "SEC Panel secretariat"), (issued.ReportKind, issued.ReportVersion, issued.LinkId, issued.Recipient));
        Assert.Equal(Classification.NotForPublication, issued.Classification);
        Assert.Equal(TimeSpan.Zero, issued.ExpiresAt.Offset);
    }

    [Fact]
    public void GivenNoPanelReportYet_WhenALinkIsIssued_ThenTheStepIsOutOfOrder()
    {
        var refused = IssueLink.Decide(WithPanelReports(Classification.NotForPublication), "lnk-1", "SEC Panel secretariat", Now.AddDays(14), Now);
        Assert.Equal(409, refused.Rejection?.Status);
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void GivenANotForPublicationReport_WhenTheLinkNamesNoRecipientAndOutlivesFourWeeks_ThenBothAreNamed()
    {
        var refused = IssueLink.Decide(WithPanelReports(Classification.NotForPublication, 1), "lnk-1", null, Now.AddDays(29), Now);
        Assert.Equal(["expiresAt", "recipient"], refused.Rejection!.Errors!.Keys.Order());
    }

    [Fact]
    public void GivenAPublishableReport_ThenALinkMayNameNobodyAndLastUpToHalfAYear()
    {
        var state = WithPanelReports(Classification.Publishable, 1);
        Assert.True(IssueLink.Decide(state, "lnk-1", null, Now.AddDays(180), Now).IsAccepted);
        Assert.Equal(["expiresAt"], IssueLink.Decide(state, "lnk-1", null, Now.AddDays(181), Now).Rejection!.Errors!.Keys);
    }

    [Theory]
    [InlineData(-60)]
    [InlineData(4)]
    public void GivenAnExpiryInThePastOrWithinFiveMinutes_WhenALinkIsIssued_ThenExpiresAtIsNamed(int minutes) =>
        Assert.Equal(["expiresAt"], IssueLink.Decide(WithPanelReports(Classification.NotForPublication, 1), "lnk-1", "Panel", Now.AddMinutes(minutes), Now).Rejection!.Errors!.Keys);

    [Fact]
    public void GivenNoCaseOrATerminatedOne_WhenALinkIsIssued_ThenNotFoundOrOutOfOrder()
    {
        Assert.Equal(404, IssueLink.Decide(History.Given(), "lnk-1", "Panel", Now.AddDays(1), Now).Rejection?.Status);
        var terminated = History.Given(Seed002Recorded.CaseId, [.. Seed002Recorded.Opening(), new CaseTerminated("Withdrawn.")]);
        Assert.Equal(409, IssueLink.Decide(terminated, "lnk-1", "Panel", Now.AddDays(1), Now).Rejection?.Status);
    }
}
