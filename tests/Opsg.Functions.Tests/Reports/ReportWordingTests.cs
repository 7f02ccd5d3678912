using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>Counts written as a person writes them: none, one and many each read as English.</summary>
public sealed class ReportWordingTests
{
    [Theory]
    [InlineData(0, 0, "The meeting raised no actions.")]
    [InlineData(3, 0, "No action raised at the meeting has been closed.")]
    [InlineData(3, 1, "1 action raised at the meeting has been closed.")]
    [InlineData(3, 2, "2 actions raised at the meeting have been closed.")]
    public void GivenClosedActions_ThenThePanelReportSaysHowManyInEnglish(int raised, int closed, string expected) =>
        Assert.Equal(expected, PanelReportModel.ClosedNote(raised, closed));

    [Theory]
    [InlineData(0, 0, "No action has been raised.")]
    [InlineData(1, 0, "1 open action, none closed.")]
    [InlineData(0, 3, "No open actions, 3 closed.")]
    [InlineData(2, 1, "2 open actions, 1 closed. Open actions are listed first.")]
    public void GivenACasesActions_ThenItsRegisterSaysHowManyInEnglish(int open, int closed, string expected) =>
        Assert.Equal(expected, ActionsRegisterModel.SummaryOf(open, closed));

    [Theory]
    [InlineData(0, 0, null, "As at 10 April 2020: no action is open.")]
    [InlineData(1, 0, null, "As at 10 April 2020: 1 action is open and not overdue.")]
    [InlineData(1, 1, null, "As at 10 April 2020: 1 action is open and overdue.")]
    [InlineData(3, 0, 0, "As at 10 April 2020: 3 actions are open, none overdue; no action is closed.")]
    [InlineData(3, 1, 1, "As at 10 April 2020: 3 actions are open, 1 of them overdue; 1 closed action is listed after the open ones.")]
    [InlineData(1200, 2, 5, "As at 10 April 2020: 1,200 actions are open, 2 of them overdue; 5 closed actions are listed after the open ones.")]
    public void GivenActionsAcrossMeetings_ThenTheRegisterSaysHowManyInEnglish(int open, int overdue, int? closed, string expected) =>
        Assert.Equal(expected, ActionsRegisterAcrossMeetings.SummaryOf(new DateOnly(2020, 4, 10), open, overdue, closed));

    [Theory]
    [InlineData(0, "No residual risks by OPSG decision")]
    [InlineData(1, "1 residual risk by OPSG decision")]
    [InlineData(8, "8 residual risks by OPSG decision")]
    public void GivenRisks_ThenTheRiskPictureIsTitledInEnglish(int count, string title)
    {
        var risks = Enumerable.Range(1, count).Select(n => new RiskRow(n, "t", "e", "DCC", "Accept", true, "Accepted", "accepted", "", false, false, "", false, "", false, [])).ToList();
        var picture = Parse("<!DOCTYPE html><body>" + RiskSummaryPicture.Draw(risks).Markup);
        Assert.Equal(title, picture.QuerySelector("#risk-summary title").Text());
    }

    [Theory]
    [InlineData(false, "proceed-subject-to-conditions", "Proceed, subject to conditions")]
    [InlineData(true, "do-not-proceed", "Do not proceed")]
    public void GivenTheRecommendation_ThenThePanelReportLeadsWithItsVerdictInWords(bool lscNotAccepted, string outcome, string verdict)
    {
        var report = Render(ReportKinds.PanelReport, FullSample.State(lscNotAccepted: lscNotAccepted));
        var box = report.QuerySelector("#recommendation")!;
        Assert.Equal(outcome, box.GetAttribute("data-outcome"));
        Assert.Contains("outcome-" + outcome, box.ClassList);
        Assert.Equal(verdict, box.QuerySelector("[data-field=verdict]").Text());
    }
}
