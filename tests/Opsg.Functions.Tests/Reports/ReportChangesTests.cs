using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Reports;

/// <summary>What is new since an earlier version, worked out from the case as each version saw it.</summary>
public sealed class ReportChangesTests
{
    private static readonly CaseState AtMeeting = CaseRecord.Fold("c", Seed002History.Recorded([.. Seed002History.Opening(), .. Seed002History.Meeting(), Seed002History.TagView()]));

    [Fact]
    public void GivenThePanelsCopyFromTheMeeting_WhenTheNotesFollow_ThenTheChangesNameTheDischargeTheClosuresAndTheRecommendation()
    {
        var changes = ReportChanges.Between(ReportKinds.PanelReport, AtMeeting, Seed002History.State()).Select(c => c.Text).ToList();

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
        Assert.Empty(ReportChanges.Between(ReportKinds.PanelReport, Seed002History.State(), Seed002History.State()));

    [Fact]
    public void GivenTheActionsRegister_ThenOnlyActionChangesAreListed()
    {
        var later = CaseRecord.Fold("c", Seed002History.Recorded([.. Seed002History.All(), new ActionTargetRevised(Seed002History.Action03, new DateOnly(2020, 4, 3), null)]));
        var changes = ReportChanges.Between(ReportKinds.ActionsRegister, AtMeeting, later);
        Assert.All(changes, c => Assert.Equal("action", c.Area));
        Assert.Equal(["Action OPSG 29xxx/01 closed.", "Action OPSG 29xxx/02 closed on 5 March 2020.", "Action OPSG 29xxx/03: target revised to 3 April 2020."], changes.Select(c => c.Text));
    }
}
