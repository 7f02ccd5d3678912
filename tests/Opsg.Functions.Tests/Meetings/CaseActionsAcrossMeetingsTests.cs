using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>
/// The actions a readiness case raised are its meeting's actions: outstanding at later meetings, reviewed there, and the
/// case follows a later meeting's review (pure: folded records in, answers out).
/// </summary>
public sealed class CaseActionsAcrossMeetingsTests
{
    private static readonly DateOnly Later = Seed002Recorded.MeetingDate.AddDays(28);

    private static MeetingState Opsg30(params RecordEvent[] events)
    {
        var actor = new Actor(Role.Secas, "S");
        var state = MeetingRecord.Events.Evolve(MeetingState.Empty("OPSG_30"), new RecordedEvent(1, new MeetingScheduled("OPSG_30", MeetingKind.Ordinary, Later, "10:00", "12:00", null, true, Classification.Publishable, null), actor, DateTimeOffset.UnixEpoch));
        state = MeetingRecord.Events.Evolve(state, new RecordedEvent(2, new AgendaItemAdded(3, "Actions Outstanding", null, [], null), actor, DateTimeOffset.UnixEpoch));
        var n = 2L;
        foreach (var e in events) state = MeetingRecord.Events.Evolve(state, new RecordedEvent(++n, e, actor, DateTimeOffset.UnixEpoch));
        return state;
    }

    private static ActionReviewRequest Review(string id, string outcome) =>
        ActionReviews.Validate(new ActionReviewRequest(id, "The revised BCDR plan was published.", null, outcome, null, null, null)).Command!;

    [Fact]
    public void ACasesOpenActionsAreOutstandingAtTheNextMeeting_AndAReviewThereIsCopiedOntoTheCase()
    {
        var meeting = Opsg30();
        var actions = ActionsAcrossMeetings.From([meeting], [Seed002Recorded.AtMeeting()]);
        var rows = OutstandingActions.Rows(meeting, actions);
        Assert.Equal([Seed002Recorded.Action01, Seed002Recorded.Action02, Seed002Recorded.Action03], rows.Select(r => r.ActionId));
        Assert.All(rows, r => Assert.Equal(Seed002Recorded.MeetingId, r.RaisedAt));

        var decision = ActionReviews.Decide(meeting, 3, Review(Seed002Recorded.Action03, "closed"), actions);
        var reviewed = Assert.IsType<ActionReviewed>(Assert.Single(decision.Events));
        Assert.Equal(Seed002Recorded.CaseId, reviewed.CaseId);
        var next = new MeetingProcess().React(meeting, Opsg30(reviewed), reviewed, DateTimeOffset.UnixEpoch).OfType<ActivityScheduled>().Single();
        Assert.Equal((MeetingProcess.ReviewOnCaseStep, Seed002Recorded.Action03), (next.Name, next.Message));
        // Once the minutes exist, the review also renders them again (item 3's table changed).
        var minuted = Opsg30(new MinutesRequested());
        Assert.Equal([MeetingProcess.RenderMinutesStep, MeetingProcess.ReviewOnCaseStep],
            new MeetingProcess().React(minuted, minuted, reviewed, DateTimeOffset.UnixEpoch).OfType<ActivityScheduled>().Select(a => a.Name));

        // A meeting's own action is reviewed on the meeting alone: nothing to copy.
        var own = reviewed with { ActionId = "OPSG 25/01", CaseId = null };
        Assert.Empty(new MeetingProcess().React(meeting, Opsg30(own), own, DateTimeOffset.UnixEpoch).OfType<ActivityScheduled>());
    }

    [Fact]
    public void AnActionTheCasesNotesClosed_IsClosedAcrossMeetings_AndLeftToTheCaseInTheRegister()
    {
        var meeting = Opsg30();
        var @case = Seed002Recorded.State();
        var closedByNote = @case.Actions.First(a => !a.IsOpen).Raised.ActionId;
        var actions = ActionsAcrossMeetings.From([meeting], [@case]);

        Assert.DoesNotContain(closedByNote, OutstandingActions.Rows(meeting, actions).Select(r => r.ActionId));
        Assert.Equal(409, ActionReviews.Decide(meeting, 3, Review(closedByNote, "closed"), actions).Rejection!.Status);
        Assert.Empty(RegisterRows.On(actions, Later));
        Assert.True(actions.RaisesActions(Seed002Recorded.MeetingId)); // its counter numbers them, so none is imported with its IDs
    }

    [Fact]
    public void ALaterMeetingsClosingReviewDischargesTheConditionTheActionDelivers_NotWhatTheMeetingItselfDecided()
    {
        var closing = new ActionReviewedAtMeeting(Seed002Recorded.Action03, "OPSG_30", Later, "The revised BCDR plan was published.", null, null, true, "closed");
        var before = Seed002Recorded.AtMeeting();
        var after = Seed002Recorded.Fold([.. Seed002Recorded.UntilMeetingClosed(), closing]);

        Assert.False(Conditions.On(before, Body.Opsg, 9)!.Discharged);
        var condition = Conditions.On(after, Body.Opsg, 9)!;
        Assert.True(condition.Discharged);
        Assert.StartsWith("Reviewed at OPSG 30 on ", condition.DischargedBy!.Text, StringComparison.Ordinal);
        Assert.Equal(Later, condition.DischargedBy.On);
        Assert.False(Conditions.On(after.WithoutNotes, Body.Opsg, 9)!.Discharged);

        var action = ReviewFacts.Action(after, Seed002Recorded.Action03)!;
        Assert.Equal((false, Later), (action.IsOpen, action.ClosedOn));
    }

    [Fact]
    public void ALaterMeetingsRetargetReplacesTheCasesTarget_AndATargetThatIsNoDateLeavesNone()
    {
        var dated = new ActionReviewedAtMeeting(Seed002Recorded.Action01, "OPSG_30", Later, "Awaiting the DCC.", "2020-06-30", new DateOnly(2020, 6, 30), false, "open, target revised to 30/06/2020");
        var asap = dated with { MeetingId = "OPSG_31", HeldOn = Later.AddDays(28), RevisedTarget = "ASAP", RevisedTargetDate = null };
        var once = Seed002Recorded.Fold([.. Seed002Recorded.UntilMeetingClosed(), dated]);
        var twice = Seed002Recorded.Fold([.. Seed002Recorded.UntilMeetingClosed(), dated, asap]);

        Assert.Equal(new DateOnly(2020, 6, 30), ReviewFacts.Action(once, Seed002Recorded.Action01)!.CurrentTarget);
        Assert.True(ReviewFacts.Action(once, Seed002Recorded.Action01)!.IsOpen);
        Assert.Null(ReviewFacts.Action(twice, Seed002Recorded.Action01)!.CurrentTarget);
        Assert.Equal(2, ReviewFacts.Action(twice, Seed002Recorded.Action01)!.LaterReviews.Count);
    }
}
