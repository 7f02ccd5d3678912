using Opsg.Functions.Cases;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Reports;

/// <summary>What is new since an earlier version, worked out from the case as each version saw it.</summary>
public sealed class ReportChangesTests
{
    private static readonly CaseState AtMeeting = Seed002Recorded.Fold([.. Seed002Recorded.UntilMeetingClosed()]);

    [Fact]
    public void GivenThePanelsCopyFromTheMeeting_WhenTheNotesFollow_ThenTheChangesNameTheDischargeTheClosuresAndTheRecommendation()
    {
        var changes = ReportChanges.Between(ReportKinds.PanelReport, AtMeeting, Seed002Recorded.State()).Select(c => c.Text).ToList();

        Assert.Contains("LSC 2: the OPSG's condition discharged.", changes);
        Assert.Contains("Risk 12: caveat removed.", changes);
        Assert.Contains("Action OPSG 29xxx/01 closed.", changes); // its note gives no date
        Assert.Contains("Action OPSG 29xxx/02 closed on 5 March 2020.", changes);
        Assert.Contains(changes, c => c.StartsWith("Recommendation changed: now “Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 3 and 9.”", StringComparison.Ordinal));
        Assert.Equal(5, changes.Count(c => c.StartsWith("Post-meeting note", StringComparison.Ordinal)));
        Assert.DoesNotContain(changes, c => c.StartsWith("LSC 3", StringComparison.Ordinal));
    }

    [Fact]
    public void GivenTheSameState_ThenNothingChanged() =>
        Assert.Empty(ReportChanges.Between(ReportKinds.PanelReport, Seed002Recorded.State(), Seed002Recorded.State()));

    [Fact]
    public void GivenTheActionsRegister_ThenOnlyActionChangesAreListed()
    {
        var later = Seed002Recorded.Fold([.. Seed002Recorded.All(), new ActionTargetRevised(Seed002Recorded.Action03, new DateOnly(2020, 4, 3), null)]);
        var changes = ReportChanges.Between(ReportKinds.ActionsRegister, AtMeeting, later);
        Assert.All(changes, c => Assert.Equal("action", c.Area));
        Assert.Equal(["Action OPSG 29xxx/01 closed.", "Action OPSG 29xxx/02 closed on 5 March 2020.", "Action OPSG 29xxx/03: target revised to 3 April 2020."], changes.Select(c => c.Text));
    }

    [Fact]
    public void GivenALaterMeetingClosedAnAction_ThenTheChangesSayWhereAndTheConditionItDeliveredIsDischarged()
    {
        var closing = new ActionReviewedAtMeeting(Seed002Recorded.Action03, "OPSG_30", new DateOnly(2020, 3, 24), "Published.", null, null, true, "closed");
        var later = Seed002Recorded.Fold([.. Seed002Recorded.All(), closing]);
        var changes = ReportChanges.Between(ReportKinds.PanelReport, Seed002Recorded.State(), later).Select(c => c.Text).ToList();
        Assert.Contains("Action OPSG 29xxx/03 closed on 24 March 2020.", changes);
        Assert.Contains("Action OPSG 29xxx/03: reviewed at OPSG 30 on 24 March 2020, closed.", changes);
        Assert.Contains("LSC 9: the OPSG's condition discharged.", changes);
    }
}
