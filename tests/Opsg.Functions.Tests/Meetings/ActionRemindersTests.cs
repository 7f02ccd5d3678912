using Opsg.Functions.Cases;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>
/// Reminders of the meetings' actions, pure: set on each dated target, sent only while that date is the action's
/// current target and it is open (a review at any later meeting re-targets or closes it), and one digest for imports
/// already overdue instead of a reminder each.
/// </summary>
public sealed class ActionRemindersTests
{
    private static readonly DateTimeOffset Now = new(2019, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MeetingProcess Process = new();

    private static MeetingState Meeting(string id, string date, params RecordEvent[] events)
    {
        var state = MeetingState.Empty(id);
        var all = new RecordEvent[]
        {
            new MeetingScheduled(id, MeetingKind.Ordinary, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), "10:00", "12:00", null, true, Classification.Publishable, null),
            new AgendaItemAdded(3, "Actions Outstanding", null, [], null),
        }.Concat(events);
        var n = 0L;
        foreach (var e in all)
        {
            var before = state;
            state = MeetingRecord.Events.Evolve(state, new RecordedEvent(++n, e, new Actor(Role.Secas, "S"), Now));
            foreach (var next in Process.React(before, state, e, Now))
                state = MeetingRecord.Events.Evolve(state, new RecordedEvent(++n, next, new Actor(Role.Engine, "e"), Now));
        }
        return state;
    }

    private static MeetingActionRaised Raised(string target) => new(3, "OPSG 25/01", 1, "Publish the plan.", "DCC", new DateOnly(2019, 10, 1), target);

    private static ActionReviewed Review(string outcome, string? revisedTarget) =>
        new(3, "OPSG 25/01", "Discussed.", revisedTarget, Enum.Parse<ActionReviewOutcome>(outcome), outcome == "Superseded" ? "OPSG 26/01" : null, null, null);

    private static IEnumerable<TimerScheduled> ActionTimers(MeetingState s) =>
        s.Timers.Values.Select(t => t.Scheduled).Where(t => t.Purpose is MeetingReminders.ActionDue or MeetingReminders.ImportedOverdue);

    [Fact]
    public void ARaisedActionIsRemindedOnItsDatedTargetAt0900_AndOnlyADateSetsOne()
    {
        var timer = Assert.Single(ActionTimers(Meeting("OPSG_25", "2019-10-01", Raised("2019-10-15"))));
        Assert.Equal((new DateTimeOffset(2019, 10, 15, 9, 0, 0, TimeSpan.Zero), "OPSG 25/01"), (timer.DueAt, timer.Ref));
        Assert.Empty(ActionTimers(Meeting("OPSG_25", "2019-10-01", Raised("OPSG_26"))));
        Assert.Empty(ActionTimers(Meeting("OPSG_25", "2019-10-01", Raised("ASAP"))));
        Assert.Null(MeetingReminders.ForAction("OPSG 25/01", "2019-09-20", Now));
        Assert.NotNull(MeetingReminders.ForAction("OPSG 25/01", "2019-09-28", Now));
    }

    [Fact]
    public void AReviewThatRevisesTheTarget_SetsTheNewDatesReminder_AndTheOldOneIsNoLongerDue()
    {
        var opsg25 = Meeting("OPSG_25", "2019-10-01", Raised("2019-10-15"));
        var opsg26 = Meeting("OPSG_26", "2019-11-05", Review("Open", "2019-12-02"));
        var actions = ActionsAcrossMeetings.From([opsg25, opsg26]);

        var revised = Assert.Single(ActionTimers(opsg26));
        Assert.Equal(new DateTimeOffset(2019, 12, 2, 9, 0, 0, TimeSpan.Zero), revised.DueAt);
        Assert.Equal("OPSG 25/01", MeetingReminders.ActionStillDue(actions, revised)?.ActionId);
        Assert.Null(MeetingReminders.ActionStillDue(actions, Assert.Single(ActionTimers(opsg25))));
    }

    [Theory]
    [InlineData("Closed")]
    [InlineData("Superseded")]
    public void AnActionClosedOrSupersededAtALaterMeeting_IsRemindedOfNoMore(string outcome)
    {
        var opsg25 = Meeting("OPSG_25", "2019-10-01", Raised("2019-10-15"));
        var opsg26 = Meeting("OPSG_26", "2019-11-05", Review(outcome, null));
        Assert.Empty(ActionTimers(opsg26));
        Assert.Null(MeetingReminders.ActionStillDue(ActionsAcrossMeetings.From([opsg25, opsg26]), Assert.Single(ActionTimers(opsg25))));
        Assert.NotNull(MeetingReminders.ActionStillDue(ActionsAcrossMeetings.From([opsg25]), Assert.Single(ActionTimers(opsg25))));
    }

    [Fact]
    public void ImportsPastTheirTargetShareOneDigestTheNextWorkingDay_WhileOneStillAheadIsRemindedOnItsDate()
    {
        var opsg25 = Meeting("OPSG_25", "2019-10-01",
            new ActionImported("OPSG 11/02", new DateOnly(2018, 3, 1), "Review the DNO data.", "DNOs/DCC", "2018-06-01"),
            new ActionImported("OPSG 20/06", new DateOnly(2019, 3, 5), "Report the metrics.", "SECAS", "2019-04-02"),
            new ActionImported("OPSG 24/05", new DateOnly(2019, 9, 3), "Issue the guidance.", "DCC", "2019-10-22"));
        var timers = ActionTimers(opsg25).ToList();
        Assert.Equal(2, timers.Count);
        var digest = Assert.Single(timers, t => t.Purpose == MeetingReminders.ImportedOverdue);
        Assert.Equal(new DateTimeOffset(2019, 10, 2, 9, 0, 0, TimeSpan.Zero), digest.DueAt);
        Assert.Equal("OPSG 24/05", Assert.Single(timers, t => t.Purpose == MeetingReminders.ActionDue).Ref);

        var overdue = MeetingReminders.ImportedStillOverdue(ActionsAcrossMeetings.From([opsg25]), "OPSG_25", new DateOnly(2019, 10, 2));
        Assert.Equal(["OPSG 11/02", "OPSG 20/06"], overdue.Select(a => a.ActionId));
    }

    [Fact]
    public void AFinalMeetingRunsOnWhileAReminderOfItsActionsIsAhead()
    {
        var opsg25 = Meeting("OPSG_25", "2019-10-01", Raised("2019-12-15"), new MinutesMadeFinal("OPSG_26", new DateOnly(2019, 11, 5), null));
        Assert.Equal(RuntimeStatus.Running, MeetingProcess.Runtime(opsg25));
        var timer = Assert.Single(ActionTimers(opsg25));
        Assert.Equal(timer, MeetingProcess.Plan(opsg25).NextTimer);

        var fired = MeetingRecord.Events.Evolve(opsg25, new RecordedEvent(opsg25.Version + 1, new TimerFired(timer.TimerId), new Actor(Role.Engine, "e"), Now));
        var send = Assert.IsType<ActivityScheduled>(Assert.Single(Process.React(opsg25, fired, new TimerFired(timer.TimerId), Now)));
        Assert.Equal(MeetingReminders.SendStep, send.Name);
    }
}
