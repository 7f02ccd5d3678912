using Opsg.Functions.Cases;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using static Opsg.Functions.Tests.Fixtures.Opsg25History;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>Calling off a meeting before anything is recorded of it, pure: what is recorded, what is refused, and what it stops.</summary>
public sealed class CancelMeetingTests
{
    private static readonly MeetingCancelled NoBusiness = new("No business this month.");

    [Fact]
    public void AMeetingNothingIsRecordedOfIsCancelled_AndCancellingItAgainRecordsNothing()
    {
        var scheduled = Given([Opsg25, .. MeetingReminders.ForMeeting(Opsg25, August)]);

        Assert.Equal([NoBusiness], CancelMeeting.Decide(scheduled, NoBusiness, []).Events);
        var cancelled = Given([Opsg25, .. MeetingReminders.ForMeeting(Opsg25, August), NoBusiness]);
        var again = CancelMeeting.Decide(cancelled, new MeetingCancelled("Another reason."), []);
        Assert.Null(again.Rejection);
        Assert.Empty(again.Events);
        Assert.Equal(new Cancellation("No business this month.", August), cancelled.Cancelled);
        Assert.Equal(MeetingStage.Cancelled, MeetingProcess.Stage(cancelled));
    }

    public static TheoryData<string, RecordEvent> Minuted => new()
    {
        { "attendance", new AttendanceRecorded([], []) },
        { "an item", new AgendaItemAdded(1, "Previous Meeting Minutes", null, [], null) },
        { "an import", new ActionImported("OPSG 24/01", new DateOnly(2019, 9, 3), "Circulate the plan.", "SECAS", null) },
        { "previous minutes approved", new PreviousMinutesApproved("OPSG_24", null) },
        { "minutes requested", new MinutesRequested() },
        { "final minutes", new MinutesMadeFinal("OPSG_26", new DateOnly(2019, 11, 5), null) },
    };

    [Theory]
    [MemberData(nameof(Minuted))]
    public void AMeetingWithAnythingRecordedOfItIsNotCancelled(string what, RecordEvent recorded)
    {
        var decision = CancelMeeting.Decide(Given(Opsg25, recorded), NoBusiness, []);
        Assert.True(decision.Rejection?.Status == 409, what);
    }

    [Fact]
    public void AMeetingACaseIsOpenedForIsNotCancelled_AndAnUnknownOneIsNotFound()
    {
        var forIt = new RecordedEvent(1, new CaseOpened("MDS readiness", Classification.Publishable, "OPSG_25", null), new Actor(Role.Secas, "S"), August);
        var openedForIt = CaseRecord.Events.Evolve(CaseState.Empty("case-1"), forIt);

        var refused = CancelMeeting.Decide(Given(Opsg25), NoBusiness, CancelMeeting.CasesFor([openedForIt], "OPSG_25"));

        Assert.Equal(409, refused.Rejection?.Status);
        Assert.Contains("case-1", refused.Rejection!.Detail, StringComparison.Ordinal);
        Assert.Empty(CancelMeeting.CasesFor([openedForIt], "OPSG_26"));
        Assert.Equal(404, CancelMeeting.Decide(MeetingState.Empty("OPSG_99"), NoBusiness, []).Rejection?.Status);
    }

    [Fact]
    public void ACancelledMeetingSendsNoReminder_TakesNoCommand_AndIsFinishedWithNothingToRun()
    {
        var reminders = MeetingReminders.ForMeeting(Opsg25, August).ToList();
        var cancelled = Given([Opsg25, .. reminders, NoBusiness]);

        Assert.All(reminders, t => Assert.False(MeetingReminders.StillDue(cancelled, t)));
        Assert.Equal(RuntimeStatus.Completed, MeetingProcess.Runtime(cancelled));
        Assert.True(MeetingProcess.Plan(cancelled).Finished);
        var refused = MeetingRules.Open(cancelled);
        Assert.Equal(409, refused?.Status);
        Assert.Contains("No business this month.", refused!.Detail, StringComparison.Ordinal);
        Assert.Equal(409, RescheduleMeeting.Decide(cancelled, new MeetingRescheduled(new DateOnly(2019, 10, 8), "10:00", "17:00", null, true, null)).Rejection?.Status);
    }

    [Fact]
    public void ACancelledMeetingIsNotThePreviousMeetingOfTheNextOne()
    {
        var held = Given(Opsg25 with { MeetingId = "OPSG_24", Date = new DateOnly(2019, 9, 3) });
        var cancelled = Given([Opsg25, NoBusiness]);
        var next = Given(Opsg25 with { MeetingId = "OPSG_26", Date = new DateOnly(2019, 11, 5) });

        Assert.Equal(new DateOnly(2019, 9, 3), PanelFeedback.LastMeetingBefore([held, cancelled, next], next));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"reason\":\"   \"}")]
    [InlineData("{\"reason\":\"<b>No business</b>\"}")]
    public void AReasonThatIsMissingOrNotPlainTextIsRefusedNamingIt(string body)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<CancelMeetingRequest>(body, RecordJson.Options)!;
        Assert.Equal(["reason"], CancelMeeting.Validate(request).Rejection!.Errors!.Keys);
    }
}
