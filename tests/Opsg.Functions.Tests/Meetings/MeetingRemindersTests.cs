using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>When a meeting's reminders to SECAS fall and whether a fired one still says something; pure.</summary>
public sealed class MeetingRemindersTests
{
    private static readonly MeetingScheduled Opsg25 = new("OPSG_25", MeetingKind.Ordinary, new DateOnly(2019, 10, 1), "10:00", "17:00", null, true, Classification.Publishable, null);

    [Fact]
    public void ThePapersFallFiveWorkingDaysBeforeAndTheDraftMinutesFiveAfter_At0900Utc()
    {
        var timers = MeetingReminders.ForMeeting(Opsg25, new DateTimeOffset(2019, 9, 1, 0, 0, 0, TimeSpan.Zero)).ToList();
        // Tuesday 1 October 2019: five working days before is Tuesday 24 September, after is Tuesday 8 October.
        Assert.Equal(new DateTimeOffset(2019, 9, 24, 9, 0, 0, TimeSpan.Zero), timers.Single(t => t.Purpose == MeetingReminders.PapersDue).DueAt);
        Assert.Equal(new DateTimeOffset(2019, 10, 8, 9, 0, 0, TimeSpan.Zero), timers.Single(t => t.Purpose == MeetingReminders.DraftMinutesDue).DueAt);
        Assert.Equal(new DateOnly(2019, 9, 30), MeetingReminders.WorkingDays(new DateOnly(2019, 9, 27), 1));
        Assert.Equal(new DateOnly(2019, 9, 27), MeetingReminders.WorkingDays(new DateOnly(2019, 9, 30), -1));
    }

    [Fact]
    public void AMeetingRecordedAfterTheFactSetsNoReminders()
    {
        Assert.Empty(MeetingReminders.ForMeeting(Opsg25, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Single(MeetingReminders.ForMeeting(Opsg25, new DateTimeOffset(2019, 10, 10, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ADraftMinutesReminderIsChasedEachWorkingDayUntilTheMinutesAreOut_UpToTheLimit()
    {
        var state = MeetingRecord.Events.Evolve(MeetingState.Empty("OPSG_25"), new RecordedEvent(1, Opsg25, new Actor(Role.Secas, "S"), DateTimeOffset.UnixEpoch));
        var first = MeetingReminders.ForMeeting(Opsg25, DateTimeOffset.UnixEpoch).Single(t => t.Purpose == MeetingReminders.DraftMinutesDue);
        var chaser = MeetingReminders.Chaser(state, first)!;
        Assert.Equal(new DateTimeOffset(2019, 10, 9, 9, 0, 0, TimeSpan.Zero), chaser.DueAt);
        var last = Enumerable.Range(0, MeetingReminders.MaxChasers - 1).Aggregate(chaser, (t, _) => MeetingReminders.Chaser(state, t)!);
        Assert.Null(MeetingReminders.Chaser(state, last));

        var minuted = MeetingRecord.Events.Evolve(state, new RecordedEvent(2, new MinutesRendered(1, 1, false, "b", "s", "t"), new Actor(Role.Engine, "e"), DateTimeOffset.UnixEpoch));
        Assert.False(MeetingReminders.StillDue(minuted, first));
        Assert.Null(MeetingReminders.Chaser(minuted, first));
        Assert.True(MeetingReminders.StillDue(state, first));
    }
}
