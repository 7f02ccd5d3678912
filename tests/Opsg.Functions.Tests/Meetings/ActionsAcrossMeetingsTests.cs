using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>The pure rules of actions across meetings: outstanding at a meeting, open on a date, and the review's refusals.</summary>
public sealed class ActionsAcrossMeetingsTests
{
    private static readonly MeetingState Opsg25 = Seed004History.State();

    private static MeetingState Later(string id, string date, params RecordEvent[] events)
    {
        var state = MeetingRecord.Events.Evolve(MeetingState.Empty(id), new RecordedEvent(1, new MeetingScheduled(id, MeetingKind.Ordinary, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), "10:00", "12:00", null, true, Classification.Publishable, null), new Actor(Role.Secas, "S"), DateTimeOffset.UnixEpoch));
        state = MeetingRecord.Events.Evolve(state, new RecordedEvent(2, new AgendaItemAdded(3, "Actions Outstanding", null, [], null), new Actor(Role.Secas, "S"), DateTimeOffset.UnixEpoch));
        var n = 2L;
        foreach (var e in events) state = MeetingRecord.Events.Evolve(state, new RecordedEvent(++n, e, new Actor(Role.Secas, "S"), DateTimeOffset.UnixEpoch));
        return state;
    }

    private static ActionReviewRequest Review(string id, string outcome = "open", string? target = null) =>
        ActionReviews.Validate(new ActionReviewRequest(id, "Discussed.", target, outcome, null, null, null)).Command!;

    [Fact]
    public void AtTheNextMeeting_TheClosedAreGone_TheOpenOnesCarryTheirRevisedTarget_AndTheUnreviewedAreListedAsSuch()
    {
        var opsg26 = Later("OPSG_26", "2019-11-05");
        var rows = OutstandingActions.Rows(opsg26, ActionsAcrossMeetings.From([Opsg25, opsg26]));
        var ids = rows.Select(r => r.ActionId).ToList();
        Assert.DoesNotContain("OPSG 11/02", ids);
        Assert.DoesNotContain("OPSG 24/06", ids);
        Assert.Contains("OPSG 25/01", ids);
        Assert.Equal(7 + 18, rows.Count);
        var retargeted = rows.Single(r => r.ActionId == "OPSG 23/05");
        Assert.Equal(("05/11/2019", false, "not-reviewed"), (retargeted.LastTarget, retargeted.Reviewed, retargeted.StatusKey));
    }

    [Fact]
    public void AnActionStaysOpenWhateverHappensToItsMeetingsMinutes_UntilAReviewClosesIt()
    {
        var finalOpsg25 = MeetingRecord.Events.Evolve(Opsg25, new RecordedEvent(Opsg25.Version + 1, new MinutesMadeFinal("OPSG_26", new DateOnly(2019, 11, 5), null), new Actor(Role.Engine, "e"), DateTimeOffset.UnixEpoch));
        var opsg26 = Later("OPSG_26", "2019-11-05", new ActionReviewed(3, "OPSG 25/07", "Resubmitted.", null, ActionReviewOutcome.Closed, null, null, null));
        var actions = ActionsAcrossMeetings.From([finalOpsg25, opsg26]);
        Assert.True(actions.Find("OPSG 25/08")!.IsOpenOn(new DateOnly(2019, 11, 5)));
        Assert.False(actions.Find("OPSG 25/07")!.IsOpenOn(new DateOnly(2019, 11, 5)));
        Assert.True(actions.Find("OPSG 25/07")!.IsOpenOn(new DateOnly(2019, 11, 4)));
    }

    [Fact]
    public void OverdueIsCountedAgainstTheTargetInForceOnTheDay()
    {
        var actions = ActionsAcrossMeetings.From([Opsg25]);
        var action = actions.Find("OPSG 23/05")!;
        Assert.Equal(("2019-10-01", 0), (action.TargetOn(new DateOnly(2019, 9, 30)), action.DaysOverdueOn(new DateOnly(2019, 9, 30))));
        Assert.Equal(("2019-11-05", 0), (action.TargetOn(new DateOnly(2019, 10, 1)), action.DaysOverdueOn(new DateOnly(2019, 10, 1))));
        Assert.Equal(3, action.DaysOverdueOn(new DateOnly(2019, 11, 8)));
        Assert.Equal(0, actions.Find("OPSG 24/05")!.DaysOverdueOn(new DateOnly(2020, 1, 1)));
    }

    [Fact]
    public void AReviewIsRefusedForAnActionOfThisMeetingAClosedOneOrOneAlreadyReviewedHere()
    {
        var opsg26 = Later("OPSG_26", "2019-11-05");
        var actions = ActionsAcrossMeetings.From([Opsg25, opsg26]);
        Assert.Equal(409, ActionReviews.Decide(opsg26, 3, Review("OPSG 11/02"), actions).Rejection?.Status);
        Assert.Equal(404, ActionReviews.Decide(opsg26, 3, Review("OPSG 99/01"), actions).Rejection?.Status);
        Assert.Equal(409, ActionReviews.Decide(Opsg25, 3, Review("OPSG 25/03"), ActionsAcrossMeetings.From([Opsg25])).Rejection?.Status);
        Assert.Equal(409, ActionReviews.Decide(Opsg25, 3, Review("OPSG 23/05"), ActionsAcrossMeetings.From([Opsg25])).Rejection?.Status);
        Assert.Null(ActionReviews.Decide(opsg26, 3, Review("OPSG 23/05", target: "OPSG_27"), actions).Rejection);
    }

    [Fact]
    public void AnImportIsRefusedForAnIdOfAMeetingThatRaisesItsOwn()
    {
        var opsg26 = Later("OPSG_26", "2019-11-05");
        var request = ImportedActions.Validate(new ImportedActionRequest("OPSG 25/19", new DateOnly(2019, 10, 1), "x", "DCC", null)).Command!;
        Assert.Equal(409, ImportedActions.Decide(opsg26, request, ActionsAcrossMeetings.From([Opsg25, opsg26])).Rejection?.Status);
    }

    [Theory]
    [InlineData("OPSG 9/02", "OPSG 11/02")]
    [InlineData("OPSG 11/02", "OPSG 11/10")]
    [InlineData("OPSG 29xxx/01", "OPSG 30/01")]
    public void ActionIdsOrderByMeetingNumberThenActionNumber(string first, string second)
    {
        Assert.True(ActionIdOrder.Instance.Compare(first, second) < 0);
        Assert.True(ActionIdOrder.Instance.Compare(second, first) > 0);
    }
}

/// <summary>The Issues Log as a fold over the meetings: opened by one meeting's agreed outcome, ended by a later one's.</summary>
public sealed class IssuesLogTests
{
    [Fact]
    public void AnEntryIsOpenFromTheMeetingThatAddedItUntilTheOneThatTransfersIt()
    {
        var opsg25 = Seed004History.State();
        var opsg26 = MeetingRecord.Events.Evolve(MeetingRecord.Events.Evolve(MeetingRecord.Events.Evolve(
            MeetingState.Empty("OPSG_26"),
            new RecordedEvent(1, new MeetingScheduled("OPSG_26", MeetingKind.Ordinary, new DateOnly(2019, 11, 5), "10:00", "12:00", null, true, Classification.Publishable, null), new Actor(Role.Secas, "S"), DateTimeOffset.UnixEpoch)),
            new RecordedEvent(2, new AgendaItemAdded(5, "Issues Log", null, [], null), new Actor(Role.Secas, "S"), DateTimeOffset.UnixEpoch)),
            new RecordedEvent(3, new OutcomeRecorded(5, 1, OutcomeVerb.Agreed, "to transfer CH Exceptions to the TABASC.", [], null, null), new Actor(Role.Secas, "S"), DateTimeOffset.UnixEpoch));
        var transfer = IssuesLogChanges.Validate(new IssuesLogRequest("transferred", null, null, "IL 25/02", "TABASC")).Command!;
        var decided = IssuesLogChanges.Decide(opsg26, 5, 1, transfer, IssuesLog.From([opsg25, opsg26]));
        var after = MeetingRecord.Events.Evolve(opsg26, new RecordedEvent(4, decided.Events.Single(), new Actor(Role.Secas, "S"), DateTimeOffset.UnixEpoch));

        var log = IssuesLog.From([opsg25, after]);
        Assert.Equal("open", log.Find("IL 25/02")!.StatusOn(new DateOnly(2019, 11, 4)));
        Assert.Equal("transferred", log.Find("IL 25/02")!.StatusOn(new DateOnly(2019, 11, 5)));
        Assert.Equal("DQISG", log.Find("IL 25/03")!.List);
        Assert.Empty(log.On(new DateOnly(2019, 9, 30)));
        Assert.Equal(409, IssuesLogChanges.Decide(after, 5, 1, transfer, log).Rejection?.Status);
    }
}
