using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Steps;
using static Opsg.Functions.Tests.Fixtures.Opsg25History;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>Moving a meeting before it is minuted, pure: what is recorded, what is refused, and its reminders following the new date.</summary>
public sealed class RescheduleMeetingTests
{
    private static readonly MeetingRescheduled ToTheEighth = new(new DateOnly(2019, 10, 8), "10:00", "16:00", null, true, new DateOnly(2019, 11, 5));

    private static IReadOnlyList<RecordEvent> Reaction(MeetingState before, RecordEvent e)
    {
        var after = MeetingRecord.Events.Evolve(before, new RecordedEvent(before.Version + 1, e, new Actor(Role.Secas, "S"), August));
        return new MeetingProcess().React(before, after, e, August).ToList();
    }

    [Fact]
    public void AMeetingNotYetMinutedMoves_AndTheSameDateTimesAndPlaceAgainRecordNothing()
    {
        var scheduled = Given([Opsg25, .. MeetingReminders.ForMeeting(Opsg25, August)]);

        Assert.Equal([ToTheEighth], RescheduleMeeting.Decide(scheduled, ToTheEighth).Events);
        var same = new MeetingRescheduled(Opsg25.Date, Opsg25.StartTime, Opsg25.EndTime, Opsg25.Venue, Opsg25.Teleconference, Opsg25.NextMeetingDate);
        Assert.Empty(RescheduleMeeting.Decide(scheduled, same).Events);
        Assert.Null(RescheduleMeeting.Decide(scheduled, same).Rejection);
    }

    [Fact]
    public void AMeetingWithAttendanceOrAnItemOrFinalMinutesStays_AndAnUnknownOneIsNotFound()
    {
        Assert.Equal(409, RescheduleMeeting.Decide(Given(Opsg25, new AgendaItemAdded(1, "Previous Meeting Minutes", null, [], null)), ToTheEighth).Rejection?.Status);
        Assert.Equal(409, RescheduleMeeting.Decide(Given(Opsg25, new AttendanceRecorded([], [])), ToTheEighth).Rejection?.Status);
        Assert.Equal(409, RescheduleMeeting.Decide(Given(Opsg25, new MinutesMadeFinal("OPSG_26", new DateOnly(2019, 11, 5), null)), ToTheEighth).Rejection?.Status);
        Assert.Equal(404, RescheduleMeeting.Decide(MeetingState.Empty("OPSG_99"), ToTheEighth).Rejection?.Status);
    }

    [Fact]
    public void MovedMeetingsRemindersFollowTheNewDate_AndThoseSetForTheOldDateAreNotSent()
    {
        var old = MeetingReminders.ForMeeting(Opsg25, August).ToList();
        var before = Given([Opsg25, .. old]);

        var set = Reaction(before, ToTheEighth).OfType<TimerScheduled>().ToList();
        var after = Given([Opsg25, .. old, ToTheEighth, .. set]);

        // Tuesday 8 October 2019: papers five working days before (Tuesday 1 October), draft minutes five after (the 15th).
        Assert.Equal(new DateTimeOffset(2019, 10, 1, 9, 0, 0, TimeSpan.Zero), set.Single(t => t.Purpose == MeetingReminders.PapersDue).DueAt);
        Assert.Equal(new DateTimeOffset(2019, 10, 15, 9, 0, 0, TimeSpan.Zero), set.Single(t => t.Purpose == MeetingReminders.DraftMinutesDue).DueAt);
        Assert.All(old, t => Assert.False(MeetingReminders.StillDue(after, t)));
        Assert.All(set, t => Assert.True(MeetingReminders.StillDue(after, t)));
        Assert.Equal(new DateOnly(2019, 10, 8), after.Scheduled!.Date);
        Assert.Equal(("OPSG_25_0810", MeetingKind.Ordinary, Classification.Publishable), (MeetingRules.MinutesReference(after.Scheduled), after.Scheduled.Kind, after.Scheduled.Classification));
    }

    [Fact]
    public void MovedBackToItsFirstDate_TheRemindersSetForThatDateAreDueAgain_AndNoneIsSetTwice()
    {
        var old = MeetingReminders.ForMeeting(Opsg25, August).ToList();
        var moved = Reaction(Given([Opsg25, .. old]), ToTheEighth).OfType<TimerScheduled>().ToList();
        var back = new MeetingRescheduled(Opsg25.Date, Opsg25.StartTime, Opsg25.EndTime, Opsg25.Venue, Opsg25.Teleconference, Opsg25.NextMeetingDate);
        var before = Given([Opsg25, .. old, ToTheEighth, .. moved]);

        Assert.Empty(Reaction(before, back).OfType<TimerScheduled>());
        var after = Given([Opsg25, .. old, ToTheEighth, .. moved, back]);
        Assert.All(old, t => Assert.True(MeetingReminders.StillDue(after, t)));
        Assert.All(moved, t => Assert.False(MeetingReminders.StillDue(after, t)));
    }

    [Theory]
    [InlineData("{\"startTime\":\"10:00\",\"endTime\":\"17:00\",\"teleconference\":true}", "date")]
    [InlineData("{\"date\":\"2019-10-08\",\"startTime\":\"17:00\",\"endTime\":\"10:00\",\"teleconference\":true}", "endTime")]
    [InlineData("{\"date\":\"2019-10-08\",\"startTime\":\"10:00\",\"endTime\":\"17:00\"}", "venue")]
    [InlineData("{\"date\":\"2019-10-08\",\"startTime\":\"10:00\",\"endTime\":\"17:00\",\"teleconference\":true,\"nextMeetingDate\":\"2019-10-01\"}", "nextMeetingDate")]
    public void AMoveThatDoesNotHoldTogetherIsRefusedNamingTheField(string body, string field)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<RescheduleMeetingRequest>(body, RecordJson.Options)!;

        Assert.Equal([field], RescheduleMeeting.Validate(request).Rejection!.Errors!.Keys);
    }
}
