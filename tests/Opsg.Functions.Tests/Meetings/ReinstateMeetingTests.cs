using Opsg.Functions.Cases;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using static Opsg.Functions.Tests.Fixtures.Opsg25History;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>Taking back a meeting's cancellation, pure: what is recorded, and that the meeting is as it was before.</summary>
public sealed class ReinstateMeetingTests
{
    private static readonly MeetingCancelled NoBusiness = new("No business this month.");
    private static readonly MeetingReinstated InError = new("Cancelled in error.");

    [Fact]
    public void ACancelledMeetingIsReinstated_AndReinstatingAMeetingNotCancelledRecordsNothing()
    {
        var reminders = MeetingReminders.ForMeeting(Opsg25, August).ToList();
        var cancelled = Given([Opsg25, .. reminders, NoBusiness]);

        Assert.Equal([InError], ReinstateMeeting.Decide(cancelled, InError).Events);
        var reinstated = Given([Opsg25, .. reminders, NoBusiness, InError]);
        var again = ReinstateMeeting.Decide(reinstated, new MeetingReinstated("Again."));
        Assert.Null(again.Rejection);
        Assert.Empty(again.Events);
        Assert.Empty(ReinstateMeeting.Decide(Given(Opsg25), InError).Events);
        Assert.Equal(404, ReinstateMeeting.Decide(MeetingState.Empty("OPSG_99"), InError).Rejection?.Status);
        Assert.Equal(new Reinstatement("Cancelled in error.", August, reminders.Count + 3), reinstated.Reinstated);
    }

    [Fact]
    public void AReinstatedMeetingIsAsItWasBeforeItsCancellation_ItsRemindersAheadDue_AndItsOrchestrationRunning()
    {
        var reminders = MeetingReminders.ForMeeting(Opsg25, August).ToList();
        var reinstated = Given([Opsg25, .. reminders, NoBusiness, InError]);

        Assert.False(reinstated.IsCancelled);
        Assert.Null(MeetingRules.Open(reinstated));
        Assert.Equal(MeetingStage.Scheduled, MeetingProcess.Stage(reinstated));
        Assert.Equal(RuntimeStatus.Running, MeetingProcess.Runtime(reinstated));
        Assert.All(reminders, t => Assert.True(MeetingReminders.StillDue(reinstated, t)));
        Assert.Equal(reminders.MinBy(t => t.DueAt), MeetingProcess.Plan(reinstated).NextTimer);
        Assert.Null(RescheduleMeeting.Decide(reinstated, new MeetingRescheduled(new DateOnly(2019, 10, 8), "10:00", "17:00", null, true, null)).Rejection);
        Assert.Equal([NoBusiness], CancelMeeting.Decide(reinstated, NoBusiness, []).Events);
    }

    [Fact]
    public void AReinstatedMeetingIsOnceMoreThePreviousMeetingOfTheNextOne()
    {
        var held = Given(Opsg25 with { MeetingId = "OPSG_24", Date = new DateOnly(2019, 9, 3) });
        var reinstated = Given([Opsg25, NoBusiness, InError]);
        var next = Given(Opsg25 with { MeetingId = "OPSG_26", Date = new DateOnly(2019, 11, 5) });

        Assert.Equal(Opsg25.Date, PanelFeedback.LastMeetingBefore([held, reinstated, next], next));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"reason\":\"\"}")]
    [InlineData("{\"reason\":\"<i>In error</i>\"}")]
    public void AReasonThatIsMissingOrNotPlainTextIsRefusedNamingIt(string body)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<ReinstateMeetingRequest>(body, RecordJson.Options)!;
        Assert.Equal(["reason"], ReinstateMeeting.Validate(request).Rejection!.Errors!.Keys);
    }
}
