using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Review;

/// <summary>
/// Whether a condition is open is decided in one place, and every reader agrees with it. Seed 002 after
/// the meeting with only the caveat of risk 12 discharged: LSC 2's condition rests on that risk's
/// provisions, so it is discharged too, though no note names LSC 2.
/// </summary>
public sealed class ConditionsTests
{
    private static readonly IReadOnlyList<PostMeetingNoteAdded> Notes = Seed002Recorded.Notes();
    private static readonly PostMeetingNoteAdded Risk12Discharged = Notes.Single(n => n.Risk == 12);
    private static readonly PostMeetingNoteAdded Lsc2Discharged = Notes.Single(n => n.Lsc == 2);

    /// <summary>The notes closing /01 and /02 and the one discharging risk 12's caveat; no note on LSC 2 itself.</summary>
    private static readonly CaseState RiskOnly = History.Given(Seed002Recorded.CaseId,
        [.. Seed002Recorded.UntilMeetingClosed(), .. Notes.Where(n => n.ActionId is not null), Risk12Discharged]);

    private static readonly CaseState AtMeeting = History.Given(Seed002Recorded.CaseId,
        [.. Seed002Recorded.UntilMeetingClosed()]);

    [Fact]
    public void GivenTheActionThatDeliversLsc9sConditionClosed_ThenTheConditionIsDischargedByTheClosingNote_InTheRecommendationToo()
    {
        var closing = new PostMeetingNoteAdded("PMN-9", NoteEffect.ActionClosed, Seed002Recorded.Action03, null, null, new DateOnly(2020, 3, 9), "The revised BCDR plan was published. Action closed.");
        var closed = History.Given(Seed002Recorded.CaseId, [.. Seed002Recorded.UntilMeetingClosed(), closing]);
        Assert.False(Conditions.On(AtMeeting, Body.Opsg, 9)!.Discharged);
        Assert.Equal(closing, Conditions.On(closed, Body.Opsg, 9)!.DischargedBy);
        Assert.DoesNotContain(9, PanelRecommendation.For(closed).OpenConditionLscs);
        Assert.Contains(9, PanelRecommendation.For(AtMeeting).OpenConditionLscs);
    }

    [Fact]
    public void GivenOnlyRisk12sCaveatDischarged_ThenLsc2sConditionIsDischargedThroughThatRisk()
    {
        var lsc2 = Conditions.On(RiskOnly, Body.Opsg, 2)!;
        Assert.True(lsc2.Discharged);
        Assert.True(lsc2.DischargedThroughRisk);
        Assert.Equal(Risk12Discharged, lsc2.DischargedBy);
        Assert.False(Conditions.On(RiskOnly, Body.Opsg, 3)!.Discharged); // rests on risk 13, never caveated
        Assert.False(Conditions.On(RiskOnly, Body.Opsg, 9)!.Discharged);
        Assert.True(Conditions.CaveatOn(RiskOnly, 12)!.Discharged);
    }

    [Fact]
    public void GivenOnlyRisk12sCaveatDischarged_WhenThePanelReportIsRendered_ThenItsConditionsListAndItsLscTableAgree()
    {
        var report = Render(ReportKinds.PanelReport, RiskOnly);

        var listed = report.QuerySelectorAll("#conditions li").ToDictionary(li => int.Parse(li.GetAttribute("data-lsc")!), li => li.GetAttribute("data-discharged"));
        var tabled = Seed002Recorded.OpsgScope
            .Select(lsc => (lsc, cell: report.QuerySelector($"table.lscs tr[data-lsc='{lsc}'] td[data-view=opsg] [data-field=condition]")))
            .Where(x => x.cell is not null)
            .ToDictionary(x => x.lsc, x => x.cell!.GetAttribute("data-discharged"));

        Assert.Equal(new Dictionary<int, string?> { [2] = "true", [3] = "false", [9] = "false" }, listed);
        Assert.Equal(listed, tabled);
        Assert.Contains("Residual Risk 12", report.QuerySelector("#conditions li[data-lsc='2'] .note").Text(), StringComparison.Ordinal);
        Assert.Equal("Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 3 and 9.",
            report.QuerySelector("[data-field=recommendation]").Text());
    }

    [Fact]
    public void GivenOnlyRisk12sCaveatDischarged_ThenTheReviewTheMinutesAndTheRecommendationSayTheSame()
    {
        Assert.True(ReviewView.From(RiskOnly, stage: "").Criteria.Single(c => c.Lsc == 2).Opsg!.ConditionDischarged);
        Assert.True(ReviewView.From(RiskOnly, stage: "").Risks.Single(r => r.Number == 12).CaveatDischarged);
        Assert.Equal([3, 9], PanelRecommendation.For(RiskOnly).OpenConditionLscs);

        var minutes = Render(ReportKinds.DraftMinutes, RiskOnly);
        Assert.Equal("true", minutes.QuerySelector("#criteria article[data-lsc='2'] [data-field=condition]")!.GetAttribute("data-discharged"));
        Assert.Equal("false", minutes.QuerySelector("#criteria article[data-lsc='3'] [data-field=condition]")!.GetAttribute("data-discharged"));
    }

    [Fact]
    public void GivenTheCopyFromTheMeeting_WhenOnlyRisk12sCaveatIsDischarged_ThenTheChangesSayLsc2sConditionWentWithIt()
    {
        var changes = ReportChanges.Between(ReportKinds.PanelReport, AtMeeting, RiskOnly).Select(c => c.Text).ToList();
        Assert.Contains("LSC 2: the OPSG's condition discharged (with the caveat of Residual Risk 12).", changes);
        Assert.Contains("Risk 12: caveat removed.", changes);
        Assert.DoesNotContain(changes, c => c.StartsWith("LSC 3", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenRisk12sCaveatDischarged_WhenANoteDischargesLsc2sConditionToo_ThenItIsRefusedAsAlreadyDischarged()
    {
        var again = PostMeetingNotes.Decide(RiskOnly, Lsc2Discharged with { NoteId = "" });
        Assert.Equal(409, again.Rejection?.Status);
        Assert.Contains("already discharged", again.Rejection!.Detail, StringComparison.Ordinal);
    }
}
