using Opsg.Functions.Cases;
using Opsg.Functions.Meetings;
using Opsg.Functions.Panel;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>The Panel feedback item lists, by itself, the Panel decisions recorded on cases since the last meeting.</summary>
public sealed class PanelFeedbackTests
{
    private static CaseState DecidedOn(DateOnly on) =>
        Seed002Recorded.Fold([.. Seed002Recorded.UntilMeetingClosed(),
            new PanelDecisionRecorded(PanelOutcome.ApprovedWithConditions, on, "Subject to the TAG's condition on LSC 5.")]);

    [Fact]
    public void OnlyDecisionsAfterTheLastMeetingAndByThisOneAreListed()
    {
        var cases = new[] { DecidedOn(new DateOnly(2020, 3, 11)), Seed002Recorded.AtMeeting() };
        var line = Assert.Single(PanelFeedback.Since(cases, new DateOnly(2020, 2, 28), new DateOnly(2020, 3, 24)));
        Assert.EndsWith("approved with conditions by the SEC Panel on 11 March 2020 (Subject to the TAG's condition on LSC 5).", line);
        Assert.Empty(PanelFeedback.Since(cases, new DateOnly(2020, 3, 11), new DateOnly(2020, 3, 24)));
        Assert.Empty(PanelFeedback.Since(cases, new DateOnly(2020, 2, 28), new DateOnly(2020, 3, 10)));
    }

    [Fact]
    public void TheFeedbackItemOfTheMinutesPrintsThem_AndSaysSoWhenThereAreNone()
    {
        var meeting = Seed004History.State();
        var minutes = MinutesModel.From(meeting, null, null, ["A case: approved by the SEC Panel on 20 September 2019."]);
        var feedback = Assert.Single(minutes.Items, i => i.IsPanelFeedback);
        Assert.Equal(2, feedback.Number);
        Assert.Single(feedback.PanelDecisions);
        Assert.All(minutes.Items.Where(i => i.Number != 2), i => Assert.Empty(i.PanelDecisions));
        Assert.False(Assert.Single(MinutesModel.From(meeting).Items, i => i.IsPanelFeedback).HasPanelDecisions);
    }
}
