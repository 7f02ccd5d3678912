using Opsg.Functions.Records;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>
/// The register across meetings as a pure function: seed 002's meeting (OPSG 29xxx: /01 and /02
/// closed after the meeting, /03 open with a revised target) and the next meeting's case (OPSG 30:
/// /01 and /02 open with targets, /03 closed), on 10 April 2020.
/// </summary>
public sealed class ActionsRegisterAcrossMeetingsTests
{
    private static readonly DateOnly Today = new(2020, 4, 10);
    private static readonly DateOnly Action03Revised = new(2020, 4, 3);

    private static CaseState Seed002WithRevisedTarget(Func<string, string>? text = null) => Seed002Recorded.Fold(
        [.. Seed002Recorded.All(text), new ActionTargetRevised(Seed002Recorded.Action03, new DateOnly(2020, 3, 20), null), new ActionTargetRevised(Seed002Recorded.Action03, Action03Revised, "plan review slipped")]);

    /// <summary>Listed in storage order, not meeting order, with a case that never reached its meeting.</summary>
    private static CaseState[] Cases(Func<string, string>? text = null) =>
        [SecondMeeting.State(text), CaseRecord.Fold("no-meeting", Seed002Recorded.Recorded(Seed002Recorded.Opening(text))), Seed002WithRevisedTarget(text)];

    [Fact]
    public void GivenTwoMeetings_ThenTheOpenActionsOfBothAreGroupedByMeeting_OldestFirst_AndClosedOnesAreLeftOut()
    {
        var register = ActionsRegisterAcrossMeetings.From(Cases(), Today);

        Assert.Equal([Seed002Recorded.MeetingId, SecondMeeting.MeetingId], register.Meetings.Select(m => m.MeetingId));
        Assert.Equal([Seed002Recorded.MeetingDate, SecondMeeting.MeetingDate], register.Meetings.Select(m => m.Date));
        Assert.Equal("OPSG 29xxx", register.Meetings[0].MeetingName);
        var seed = Assert.Single(register.Meetings[0].Cases);
        Assert.Equal((Seed002Recorded.CaseId, "SMETS1 MOC: Morrisons Data Services DMC readiness"), (seed.CaseId, seed.Title));
        Assert.Equal([Seed002Recorded.Action03], seed.Actions.Select(a => a.ActionId));
        var next = Assert.Single(register.Meetings[1].Cases);
        Assert.Equal([SecondMeeting.Action01, SecondMeeting.Action02], next.Actions.Select(a => a.ActionId));
        Assert.All(register.Meetings.SelectMany(m => m.Cases).SelectMany(c => c.Actions), a => Assert.True(a.IsOpen));
        Assert.Equal((3, 2, 0), (register.OpenCount, register.OverdueCount, register.ClosedCount));
    }

    [Fact]
    public void GivenTargetsBeforeOnAndAfterToday_ThenTheLatestTargetSaysHowOverdueEachActionIs()
    {
        var rows = ActionsRegisterAcrossMeetings.From(Cases(), Today).Meetings.SelectMany(m => m.Cases).SelectMany(c => c.Actions).ToDictionary(a => a.ActionId);

        // 3 April, the latest of two revisions, not the first revision of 20 March.
        Assert.Equal((true, 7, "overdue by 7 days"), (rows[Seed002Recorded.Action03].IsOverdue, rows[Seed002Recorded.Action03].DaysOverdue, rows[Seed002Recorded.Action03].Due));
        Assert.Equal(Action03Revised, rows[Seed002Recorded.Action03].CurrentTarget);
        Assert.Equal((true, 3, "overdue by 3 days"), (rows[SecondMeeting.Action01].IsOverdue, rows[SecondMeeting.Action01].DaysOverdue, rows[SecondMeeting.Action01].Due));
        Assert.Equal((false, 0, "due in 21 days"), (rows[SecondMeeting.Action02].IsOverdue, rows[SecondMeeting.Action02].DaysOverdue, rows[SecondMeeting.Action02].Due));

        var onTheDay = ActionsRegisterAcrossMeetings.From(Cases(), SecondMeeting.Target01).Meetings[1].Cases[0].Actions[0];
        Assert.Equal((false, "due today"), (onTheDay.IsOverdue, onTheDay.Due));
        var dayAfter = ActionsRegisterAcrossMeetings.From(Cases(), SecondMeeting.Target01.AddDays(1)).Meetings[1].Cases[0].Actions[0];
        Assert.Equal((true, 1, "overdue by 1 day"), (dayAfter.IsOverdue, dayAfter.DaysOverdue, dayAfter.Due));
    }

    [Fact]
    public void GivenIncludeClosed_ThenClosedActionsFollowTheOpenOnes_WithoutADueFigure()
    {
        var register = ActionsRegisterAcrossMeetings.From(Cases(), Today, includeClosed: true);

        Assert.Equal([Seed002Recorded.Action03, Seed002Recorded.Action01, Seed002Recorded.Action02], register.Meetings[0].Cases[0].Actions.Select(a => a.ActionId));
        Assert.Equal([SecondMeeting.Action01, SecondMeeting.Action02, SecondMeeting.Action03], register.Meetings[1].Cases[0].Actions.Select(a => a.ActionId));
        var closed = register.Meetings[1].Cases[0].Actions[2];
        Assert.Equal((false, false, SecondMeeting.Action03ClosedOn), (closed.IsOpen, closed.HasDue, closed.ClosedOn));
        Assert.Equal((3, 2, 3), (register.OpenCount, register.OverdueCount, register.ClosedCount));
    }

    [Fact]
    public void GivenNoCaseWithAnOpenAction_ThenTheRegisterSaysSo()
    {
        var register = ActionsRegisterAcrossMeetings.From([Seed002Recorded.AtMeeting().Update<CaseState, ReviewSlice>(r => r with { Actions = [] })], Today);
        Assert.False(register.HasMeetings);
        var page = Parse(Renderer.RenderPage(ActionsRegisterAcrossMeetings.Page, register));
        Assert.Equal("As at 10 April 2020: no action is open.", page.QuerySelector("[data-field=summary]").Text());
        Assert.Empty(page.QuerySelectorAll("section.meeting"));
    }

    [Fact]
    public void GivenTwoMeetings_WhenRendered_ThenEachMeetingIsASectionWithItsCaseAndItsRowsFromTheSharedActionsTable()
    {
        var page = Parse(Renderer.RenderPage(ActionsRegisterAcrossMeetings.Page, ActionsRegisterAcrossMeetings.From(Cases(), Today)));

        var meetings = page.QuerySelectorAll("section.meeting");
        Assert.Equal([Seed002Recorded.MeetingId, SecondMeeting.MeetingId], meetings.Select(m => m.GetAttribute("data-meeting")));
        Assert.Equal("OPSG 29xxx, 28 February 2020", meetings[0].QuerySelector("h2").Text());
        Assert.Equal("OPSG 30, 24 March 2020", meetings[1].QuerySelector("h2").Text());
        Assert.Equal(SecondMeeting.Title, meetings[1].QuerySelector("[data-field=case-title]").Text());
        Assert.Equal([SecondMeeting.Action01, SecondMeeting.Action02], meetings[1].QuerySelectorAll("table.actions tr[data-action]").Select(r => r.GetAttribute("data-action")));

        var overdue = page.QuerySelector($"tr[data-action='{Seed002Recorded.Action03}']")!;
        Assert.Equal("overdue by 7 days", overdue.QuerySelector("[data-field=due]").Text());
        Assert.Equal("7", overdue.QuerySelector("[data-field=due]")!.GetAttribute("data-days-overdue"));
        Assert.Equal("3 April 2020", overdue.QuerySelector(".current[data-revised]")!.GetAttribute("data-revised"));
        Assert.Contains("plan review slipped", overdue.QuerySelector("[data-field=revisions]").Text(), StringComparison.Ordinal);

        Assert.Equal("not-for-publication", page.QuerySelector(".banner")!.GetAttribute("data-classification"));
        Assert.Equal("OPSG_AR_20200410", page.QuerySelector("[data-field=document-id]").Text());
        var summary = page.QuerySelector("[data-field=summary]")!;
        Assert.Equal(("3", "2"), (summary.GetAttribute("data-open"), summary.GetAttribute("data-overdue")));
        Assert.Equal("As at 10 April 2020: 3 actions are open, 2 of them overdue.", summary.Text());
    }

    [Fact]
    public void GivenTheRegister_ThenTheStoredPerCaseReportsShowNoDueFigure()
    {
        // "Today" belongs to the live page only; a stored report must not change with the date it was rendered.
        var register = Render(ReportKinds.ActionsRegister, Seed002WithRevisedTarget());
        Assert.Empty(register.QuerySelectorAll("[data-field=due]"));
    }

    [Fact]
    public void GivenScriptPayloadsInEveryTextField_WhenRendered_ThenTheyComeOutAsText()
    {
        const string payload = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>` a=b ";
        var html = Renderer.RenderPage(ActionsRegisterAcrossMeetings.Page, ActionsRegisterAcrossMeetings.From(Cases(t => payload + t), Today, includeClosed: true));
        var page = Parse(html);

        Assert.Empty(page.QuerySelectorAll("script, img"));
        Assert.DoesNotContain(page.QuerySelectorAll("*").SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("`", html, StringComparison.Ordinal);
        Assert.Equal(payload + SecondMeeting.Title, page.QuerySelectorAll("[data-field=case-title]")[1].TextContent);
    }
}
