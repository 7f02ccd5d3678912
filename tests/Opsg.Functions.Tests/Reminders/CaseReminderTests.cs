using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Reminders;

/// <summary>
/// Which reminders a case has, when, whether a fired one still matters and who hears of it: pure, on seed 002's
/// dates (meeting 28 February 2020, report to the Panel due 6 March 2020).
/// </summary>
public sealed class CaseReminderTests
{
    private static readonly DateTimeOffset Now = Seed002Recorded.Start; // 10 February 2020, 09:00 UTC
    private static readonly DateOnly ReportDue = new(2020, 3, 6);
    private static readonly ReviewOpened Opened = new(Seed002Recorded.MeetingId, Seed002Recorded.MeetingDate, ReportDue);

    private static CaseState Given(params RecordEvent[] events) => History.Given(Seed002Recorded.CaseId, events);

    private static RecordEvent[] Submitted => [.. Seed002Recorded.Opening()];

    private static MeetingRecorded Meeting => Seed002Recorded.Meeting().OfType<MeetingRecorded>().Single();

    private static TimerScheduled Timer(string purpose) => CaseReminders.ForReview(Opened, Now).Single(t => t.Purpose == purpose);

    /// <summary>The timer recorded, then fired after <paramref name="meanwhile"/>; what the policy schedules.</summary>
    private static List<RecordEvent> Fire(TimerScheduled timer, params RecordEvent[] meanwhile)
    {
        var before = Given([.. Submitted, Opened, timer, .. meanwhile]);
        var fired = new TimerFired(timer.TimerId);
        var after = CaseRecord.Events.Evolve(before, new RecordedEvent(before.Version + 1, fired, Actor.Engine, Now));
        return CaseProcess.Next(before, after, fired, Now).ToList();
    }

    private static Reminder? Due(TimerScheduled timer, params RecordEvent[] meanwhile) =>
        CaseProcess.ReminderStillDue(Given([.. Submitted, Opened, timer, .. meanwhile]), timer);

    [Fact]
    public void GivenAReportDueDate_WhenTheReviewOpens_ThenTheMeetingAndTheReportDueToThePanelEachHaveATimerAt9Utc()
    {
        var timers = CaseProcess.Next(Given(Submitted), Given([.. Submitted, Opened]), Opened, Now).Cast<TimerScheduled>().ToList();

        Assert.Equal(
            [(CaseReminders.MeetingReminder, new DateTimeOffset(2020, 2, 23, 9, 0, 0, TimeSpan.Zero)), (CaseReminders.ReportDue, new DateTimeOffset(2020, 3, 3, 9, 0, 0, TimeSpan.Zero))],
            timers.Select(t => (t.Purpose, t.DueAt)));
    }

    [Fact]
    public void GivenAReminderTimeAlreadyPast_WhenTheReviewOpens_ThenNoTimerForIt()
    {
        var lateInFebruary = new DateTimeOffset(2020, 2, 25, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal([CaseReminders.ReportDue], CaseReminders.ForReview(Opened, lateInFebruary).Select(t => t.Purpose));
        Assert.Empty(CaseReminders.ForReview(Opened, new DateTimeOffset(2020, 3, 4, 9, 0, 0, TimeSpan.Zero)));
        Assert.Equal([CaseReminders.MeetingReminder], CaseReminders.ForReview(Opened with { ReportDueDate = null }, Now).Select(t => t.Purpose));
    }

    [Fact]
    public void GivenTheReportDueTimer_WhenItFiresBeforeThePanelReport_ThenTheSecretariatAloneIsEmailed()
    {
        var step = Assert.IsType<ActivityScheduled>(Assert.Single(Fire(Timer(CaseReminders.ReportDue))));

        Assert.Equal((CaseReminders.SendStep, "report-due-2020-03-06"), (step.Name, step.Reminder));
        Assert.Contains("6 March 2020", step.Message, StringComparison.Ordinal);
        Assert.Equal([ReminderAudience.Secretariat], Due(Timer(CaseReminders.ReportDue))!.To);
    }

    [Fact]
    public void GivenThePanelReportIssued_WhenTheReportDueTimerFires_ThenNothingIsSent()
    {
        var panelReport = new ActivityScheduled(ReportSteps.Render, ReportKinds.PanelReport, 1, null);
        Assert.Empty(Fire(Timer(CaseReminders.ReportDue), Meeting, panelReport, new ReportRendered(5, ReportKinds.PanelReport, 1, "b", "s", "h", 5)));
    }

    [Fact]
    public void GivenTheReportDueDateMovedOn_WhenTheOldTimerFires_ThenItIsSilent()
    {
        var moved = Opened with { ReportDueDate = new DateOnly(2020, 3, 13) };
        Assert.Null(Due(Timer(CaseReminders.ReportDue), moved));
        Assert.Empty(Fire(Timer(CaseReminders.ReportDue), moved));
    }

    [Fact]
    public void GivenTheMeetingMoved_WhenTheReviewIsOpenedAgain_ThenTheNewDateIsANewReminder_AndTheOldOneIsSilent()
    {
        var moved = Opened with { MeetingDate = new DateOnly(2020, 3, 2) };
        var again = CaseReminders.ForReview(moved, Now).Single(t => t.Purpose == CaseReminders.MeetingReminder);

        Assert.NotEqual(Timer(CaseReminders.MeetingReminder).TimerId, again.TimerId);
        Assert.Null(Due(Timer(CaseReminders.MeetingReminder), moved));
        Assert.NotNull(Due(again, moved));
    }

    [Fact]
    public void GivenTheMeetingTimer_WhenItFiresBeforeTheMeetingIsRecorded_ThenTheSecretariatIsEmailed_AndAfterItNothing()
    {
        var meeting = Timer(CaseReminders.MeetingReminder);
        var reminder = Due(meeting)!;
        Assert.Equal([ReminderAudience.Secretariat], reminder.To);
        Assert.Contains("28 February 2020", reminder.Headline, StringComparison.Ordinal);
        Assert.Equal(CaseReminders.SendStep, Assert.IsType<ActivityScheduled>(Assert.Single(Fire(meeting))).Name);

        Assert.Empty(Fire(meeting, Meeting));
    }

    [Theory]
    [InlineData("DCC", new[] { ReminderAudience.Secretariat, ReminderAudience.Dcc })]
    [InlineData("DNOs/DCC", new[] { ReminderAudience.Secretariat, ReminderAudience.Dcc })]
    [InlineData("dcc and SECAS", new[] { ReminderAudience.Secretariat, ReminderAudience.Dcc })]
    [InlineData("SECAS", new[] { ReminderAudience.Secretariat })]
    [InlineData("OPSG members", new[] { ReminderAudience.Secretariat })]
    [InlineData("DCCX Ltd", new[] { ReminderAudience.Secretariat })]
    public void GivenAnActionDue_ThenTheSecretariatIsAlwaysEmailed_AndTheDccsContactWhenTheDccOwnsOrSharesIt(string owner, ReminderAudience[] audience)
    {
        var raised = new ActionRaised("OPSG 29xxx/04", 4, "Confirm the fix date.", owner, Seed002Recorded.MeetingDate, new DateOnly(2020, 3, 13));
        var timer = CaseReminders.ForAction(raised.ActionId, new DateOnly(2020, 3, 13), revision: 0);

        Assert.Equal(audience, Due(timer, Meeting, raised)!.To);
    }

    [Fact]
    public void GivenAnActionRevisedOrClosed_WhenItsOldTimerFires_ThenNothingIsSent_ButTheRevisedTargetsTimerSends()
    {
        var raised = new ActionRaised("OPSG 29xxx/04", 4, "Confirm the fix date.", "DCC", Seed002Recorded.MeetingDate, new DateOnly(2020, 3, 13));
        var first = CaseReminders.ForAction(raised.ActionId, new DateOnly(2020, 3, 13), revision: 0);
        var revised = new ActionTargetRevised(raised.ActionId, new DateOnly(2020, 4, 3), "Waiting for the release.");
        var second = CaseReminders.ForAction(raised.ActionId, revised.RevisedTarget, revision: 1);
        var closed = new PostMeetingNoteAdded("PMN-9", NoteEffect.ActionClosed, raised.ActionId, null, null, new DateOnly(2020, 3, 10), "Done.");

        Assert.NotNull(Due(first, Meeting, raised));
        Assert.Null(Due(first, Meeting, raised, revised));
        Assert.Empty(Fire(first, Meeting, raised, revised));
        Assert.Contains("3 April 2020", Due(second, Meeting, raised, revised)!.Headline, StringComparison.Ordinal);
        Assert.Null(Due(first, Meeting, raised, closed));
    }

    [Fact]
    public void GivenATerminatedCase_WhenAnyTimerFires_ThenNothingIsSent() =>
        Assert.Null(Due(Timer(CaseReminders.ReportDue), new CaseTerminated("withdrawn by the DCC")));
}
