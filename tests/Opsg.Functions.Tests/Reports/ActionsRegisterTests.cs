using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

public sealed class ActionsRegisterTests
{
    [Fact]
    public void GivenSeed002_ThenEveryActionIsListedOpenOnesFirst()
    {
        var register = Render(ReportKinds.ActionsRegister, Seed002Recorded.State());
        var rows = register.QuerySelectorAll("tr[data-action]");
        Assert.Equal([Seed002Recorded.Action03, Seed002Recorded.Action01, Seed002Recorded.Action02], rows.Select(r => r.GetAttribute("data-action")));
        Assert.Equal(["Open", "Closed", "Closed"], rows.Select(r => r.QuerySelector("[data-field=status]").Text()));
        var summary = register.QuerySelector("[data-field=summary]")!;
        Assert.Equal(("1", "2"), (summary.GetAttribute("data-open"), summary.GetAttribute("data-closed")));
        Assert.Equal("1 open action, 2 closed. Open actions are listed first.", summary.Text());
        Assert.Equal("OPSG_29xxx_2802_seed002_AR", register.QuerySelector("[data-field=document-id]").Text());
    }

    [Fact]
    public void GivenARevisedTarget_ThenTheWholeHistoryIsShownWithTheLatestCurrent()
    {
        var events = Seed002Recorded.All()
            .Append(new ActionTargetRevised(Seed002Recorded.Action03, new DateOnly(2020, 4, 3), "plan review slipped"))
            .Append(new ActionTargetRevised(Seed002Recorded.Action03, new DateOnly(2020, 5, 1), null))
            .Append(new ActionProgressNoted(Seed002Recorded.Action03, new DateOnly(2020, 3, 20), "Draft plan shared with SECAS."));
        var register = Render(ReportKinds.ActionsRegister, Seed002Recorded.Fold(events));
        var row = register.QuerySelector($"tr[data-action='{Seed002Recorded.Action03}']")!;
        Assert.Equal(["3 April 2020", "1 May 2020"], row.QuerySelectorAll("[data-revised]").Select(s => s.GetAttribute("data-revised")));
        Assert.Equal("1 May 2020", row.QuerySelector(".current[data-revised]")!.GetAttribute("data-revised"));
        Assert.Contains("plan review slipped", row.QuerySelector("[data-field=revisions]").Text());
        Assert.Contains("Draft plan shared with SECAS.", row.Text());
    }
}
