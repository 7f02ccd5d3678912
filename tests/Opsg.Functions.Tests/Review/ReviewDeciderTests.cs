using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Panel;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Tests.Review;

/// <summary>The review's rules as pure functions: given a history, a command decides events or a refusal. No I/O.</summary>
public sealed class ReviewDeciderTests
{
    private static readonly DateOnly MeetingDay = new(2020, 2, 28);

    private static readonly ReadinessSubmitted Submission = new(
        new Subject("SMETS1 MOC", "MDS Elster", "update the EPCL"),
        new Cohort(98218, 43154),
        [1, 2, 3, 6],
        [4],
        [new(1, "Ready."), new(2, "Ready."), new(3, "Ready."), new(6, "Ready.")],
        [new(3, "Capacity testing", "Small cohort.", RiskProposal.Accept), new(12, "ITIL", "Compliant.", RiskProposal.Accept)]);

    private static readonly RecordEvent[] UpToMeeting =
    [
        new CaseOpened("MDS readiness", Classification.NotForPublication, "OPSG_29xxx", MeetingDay),
        Submission,
        new ReviewOpened("OPSG_29xxx", MeetingDay, null),
        new MeetingRecorded("OPSG_29xxx", MeetingDay, "12:30", "14:30", "London", [new Attendee("Dave Warner", Constituency.OperationsGroupChair, null, true, null, false, null)], []),
    ];

    private static CaseState Given(params RecordEvent[] events) =>
        CaseRecord.Fold("case-1", events.Select((e, i) => new RecordedEvent(i + 1, e, new Actor(Role.Secas, "Tim Hall"), DateTimeOffset.UnixEpoch.AddDays(i))));

    private static CaseState GivenMeeting(params RecordEvent[] more) => Given([.. UpToMeeting, .. more]);

    private static CriterionDecided Accepted(int lsc, Rag rag = Rag.Green) => new(lsc, CriterionDecision.Accepted, null, null, rag, null, null);

    [Fact]
    public void GivenNoSubmission_WhenDecisionsAreRecorded_ThenTheStepIsOutOfOrder()
    {
        var state = Given(UpToMeeting[0]);
        var decision = RecordDecisions.Decide(state, [Accepted(1)]);
        Assert.Equal(409, decision.Rejection?.Status);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void GivenAMeeting_WhenADecisionNamesAnLscOutsideTheOpsgScope_ThenThatFieldIsInvalid()
    {
        var decision = RecordDecisions.Decide(GivenMeeting(), [Accepted(1), Accepted(4)]);
        Assert.Equal(400, decision.Rejection?.Status);
        Assert.Contains("criteria[1].lsc", decision.Rejection!.Errors!.Keys);
    }

    [Fact]
    public void GivenAMeeting_WhenActionsAreRaised_ThenTheEngineNumbersThemMeetingSlashTwoDigits()
    {
        var state = GivenMeeting();
        var ids = new List<string>();
        for (var number = 1; number <= 3; number++)
        {
            var raised = Assert.IsType<ActionRaised>(Assert.Single(Actions.Raise(state, new RaiseActionRequest("Do it.", "DCC", null, null), number).Events));
            ids.Add(raised.ActionId);
            Assert.Equal(number, raised.Number);
            Assert.Equal(MeetingDay, raised.RaisedOn);
            state = GivenMeeting([.. state.Actions.Select(a => (RecordEvent)a.Raised), raised]);
        }
        Assert.Equal(["OPSG 29xxx/01", "OPSG 29xxx/02", "OPSG 29xxx/03"], ids);
    }

    [Fact]
    public void GivenAClosedAction_WhenAnotherIsRaised_ThenItsIdIsNew()
    {
        var first = new ActionRaised("OPSG 29xxx/01", 1, "Present the pacing strategy.", "DCC", MeetingDay, null);
        var state = GivenMeeting(first, new PostMeetingNoteAdded("N1", NoteEffect.ActionClosed, first.ActionId, null, null, MeetingDay.AddDays(3), "Done."));
        var next = Assert.IsType<ActionRaised>(Assert.Single(Actions.Raise(state, new RaiseActionRequest("Confirm ITIL.", "DCC", null, null), 2).Events));
        Assert.Equal("OPSG 29xxx/02", next.ActionId);
    }

    [Fact]
    public void GivenOtherCasesOfTheMeetingTookNumbers_WhenThisCaseRaisesActions_ThenTheyCarryTheMeetingsNumbersGapsAndAll()
    {
        // The meeting's counter handed 1-4 to other cases, 5 to this one, 6 to a request that was then lost, 7 to this one.
        var command = new RaiseActionRequest("Confirm the fix date.", "DCC", null, new DateOnly(2020, 3, 13));
        var fifth = Assert.IsType<ActionRaised>(Assert.Single(Actions.Raise(GivenMeeting(), command, 5).Events));
        var seventh = Assert.IsType<ActionRaised>(Assert.Single(Actions.Raise(GivenMeeting(fifth), command, 7).Events));
        var state = GivenMeeting(fifth, seventh);

        Assert.Equal(("OPSG 29xxx/05", 5), (fifth.ActionId, fifth.Number));
        Assert.Equal(("OPSG 29xxx/07", 7), (seventh.ActionId, seventh.Number));
        // Actions are addressed by the number in their ID, not by their place in the case.
        Assert.Same(state.Actions[1], Actions.ByNumber(state, 7));
        Assert.Null(Actions.ByNumber(state, 1));
        Assert.Equal("OPSG 29xxx/07", Assert.IsType<ActionTargetRevised>(Assert.Single(Actions.Revise(state, 7, new ReviseTargetRequest(new DateOnly(2020, 4, 3), null)).Events)).ActionId);
        Assert.Equal(404, Actions.Revise(state, 2, new ReviseTargetRequest(new DateOnly(2020, 4, 3), null)).Rejection?.Status);
        Assert.Equal(404, Actions.NoteProgress(state, 6, new ActionProgressRequest(MeetingDay, "Nothing.")).Rejection?.Status);
    }

    [Fact]
    public void GivenANumberTheCaseAlreadyUses_WhenAnActionIsRaisedWithIt_ThenItIsRefused()
    {
        var first = new ActionRaised("OPSG 29xxx/03", 3, "Present the pacing strategy.", "DCC", MeetingDay, null);
        var refused = Actions.Raise(GivenMeeting(first), new RaiseActionRequest("Again.", "DCC", null, null), 3);
        Assert.Equal(409, refused.Rejection?.Status);
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void GivenARaiseThatWouldBeRefused_ThenCanRaiseSaysSoBeforeAnyNumberIsTaken()
    {
        var command = new RaiseActionRequest("Do it.", "DCC", null, null);
        var beforeMeeting = Given(UpToMeeting[0], UpToMeeting[1], UpToMeeting[2]);
        Assert.Equal(409, Actions.CanRaise(beforeMeeting, command)?.Status);
        Assert.Equal(409, Actions.Raise(beforeMeeting, command, 1).Rejection?.Status);

        var targetBeforeMeeting = command with { TargetDate = MeetingDay.AddDays(-1) };
        Assert.Equal("targetDate", Assert.Single(Actions.CanRaise(GivenMeeting(), targetBeforeMeeting)!.Errors!.Keys));
        Assert.Equal(400, Actions.Raise(GivenMeeting(), targetBeforeMeeting, 1).Rejection?.Status);

        Assert.Null(Actions.CanRaise(GivenMeeting(), command));
        Assert.Equal("OPSG_29xxx", Actions.NumberingMeeting(GivenMeeting()));
    }

    [Fact]
    public void GivenAnAction_WhenItsTargetIsRevisedTwice_ThenBothRevisionsAreKeptAndTheLatestCounts()
    {
        var raised = new ActionRaised("OPSG 25/03", 3, "Clarify the measure.", "DCC", new DateOnly(2019, 8, 6), new DateOnly(2019, 10, 1));
        var first = Assert.IsType<ActionTargetRevised>(Assert.Single(Actions.Revise(GivenMeeting(raised), 3, new ReviseTargetRequest(new DateOnly(2019, 11, 5), "Not done in time.")).Events));
        var state = GivenMeeting(raised, first);
        var second = Assert.IsType<ActionTargetRevised>(Assert.Single(Actions.Revise(state, 3, new ReviseTargetRequest(new DateOnly(2019, 12, 3), null)).Events));
        state = GivenMeeting(raised, first, second);

        Assert.Equal([new DateOnly(2019, 11, 5), new DateOnly(2019, 12, 3)], state.Actions[0].Revisions.Select(r => r.RevisedTarget));
        Assert.Equal(new DateOnly(2019, 12, 3), state.Actions[0].CurrentTarget);
        Assert.Equal(new DateOnly(2019, 10, 1), state.Actions[0].Raised.TargetDate);
        Assert.Empty(Actions.Revise(state, 3, new ReviseTargetRequest(new DateOnly(2019, 12, 3), null)).Events); // the same target again decides nothing
    }

    [Fact]
    public void GivenAnLscAcceptedSubjectToARisk_WhenTheRisksCaveatIsDischarged_ThenTheLscsConditionIsDischargedToo()
    {
        var action = new ActionRaised("OPSG 29xxx/02", 2, "Confirm ITIL compliance.", "DCC", MeetingDay, null);
        var state = GivenMeeting(
            action,
            new CriterionDecided(2, CriterionDecision.AcceptedSubjectToCondition, null, 12, Rag.Green, null, null),
            new RiskDecided(12, RiskDecision.AcceptedSubjectToAction, action.ActionId, null));
        Assert.Equal([2], PanelRecommendation.For(state).OpenConditionLscs);

        var discharge = PostMeetingNotes.Decide(state, new PostMeetingNoteAdded("", NoteEffect.ConditionDischarged, null, null, 12, MeetingDay.AddDays(6), "Caveat removed."));
        var note = Assert.IsType<PostMeetingNoteAdded>(Assert.Single(discharge.Events));
        Assert.Equal("PMN-1", note.NoteId);

        var after = GivenMeeting([.. UpToMeetingExtras(state), note]);
        var condition = Assert.Single(PanelRecommendation.For(after).Conditions);
        Assert.True(condition.Discharged);
        Assert.Equal("the provisions of Residual Risk 12", condition.Condition);
        Assert.Equal(409, PostMeetingNotes.Decide(after, new PostMeetingNoteAdded("", NoteEffect.ConditionDischarged, null, 2, null, MeetingDay.AddDays(7), "Again.")).Rejection?.Status);
    }

    [Fact]
    public void GivenAnUnconditionalAcceptance_WhenSomeoneDischargesItsCondition_ThenThereIsNothingToDischarge()
    {
        var state = GivenMeeting(Accepted(1));
        var refused = PostMeetingNotes.Decide(state, new PostMeetingNoteAdded("", NoteEffect.ConditionDischarged, null, 1, null, MeetingDay, "Discharged."));
        Assert.Equal(409, refused.Rejection?.Status);
    }

    [Fact]
    public void GivenAMeeting_WhenANoteGivesNoDate_ThenItIsRecordedUndated()
    {
        var (note, rejection) = PostMeetingNotes.Validate(new PostMeetingNoteRequest("clarification", null, null, null, null, "Telefonica cannot meet the BCDR requirement."));
        Assert.Null(rejection);
        var decision = PostMeetingNotes.Decide(GivenMeeting(), note!);
        Assert.True(decision.IsAccepted);
        Assert.Null(Assert.IsType<PostMeetingNoteAdded>(Assert.Single(decision.Events)).On);
    }

    [Fact]
    public void GivenAMeeting_WhenANoteIsDatedBeforeIt_ThenItIsRefused()
    {
        var (note, _) = PostMeetingNotes.Validate(new PostMeetingNoteRequest("clarification", null, null, null, MeetingDay.AddDays(-1), "Too early."));
        Assert.Equal(400, PostMeetingNotes.Decide(GivenMeeting(), note!).Rejection?.Status);
    }

    [Fact]
    public void GivenANoteStoredBeforeNotesCouldBeUndated_WhenItIsRead_ThenItKeepsItsDate()
    {
        var stored = """{"noteId":"PMN-1","effect":"actionClosed","actionId":"OPSG 29xxx/01","on":"2020-03-02","text":"Done."}""";
        var note = System.Text.Json.JsonSerializer.Deserialize<PostMeetingNoteAdded>(stored, RecordJson.Options)!;
        Assert.Equal(new DateOnly(2020, 3, 2), note.On);
    }

    [Fact]
    public void GivenEveryLscAccepted_ThenTheRecommendationIsToProceed()
    {
        var recommendation = PanelRecommendation.For(GivenMeeting(Accepted(1), Accepted(2), Accepted(3), Accepted(6, Rag.Amber)));
        Assert.Equal(RecommendationOutcome.Proceed, recommendation.Outcome);
        Assert.Equal("Update the EPCL.", recommendation.Summary);
    }

    [Fact]
    public void GivenTwoLscsNotAccepted_ThenTheRecommendationIsNotToProceedAndNamesThem()
    {
        var notAccepted = (int lsc) => new CriterionDecided(lsc, CriterionDecision.NotAccepted, null, null, Rag.Red, null, null);
        var recommendation = PanelRecommendation.For(GivenMeeting(Accepted(1), notAccepted(2), Accepted(3), notAccepted(6)));
        Assert.Equal(RecommendationOutcome.DoNotProceed, recommendation.Outcome);
        Assert.Equal("Do not update the EPCL: LSCs 2 and 6 not accepted by the OPSG.", recommendation.Summary);
    }

    [Fact]
    public void GivenAnLscWhoseStatusAloneWasAgreed_ThenItDoesNotHoldTheRecommendationBack()
    {
        var statusAgreed = new CriterionDecided(6, CriterionDecision.StatusAgreed, null, null, Rag.Amber, "This AMBER should not affect the recommendation.", null);
        var recommendation = PanelRecommendation.For(GivenMeeting(Accepted(1), Accepted(2), Accepted(3), statusAgreed));
        Assert.Equal(RecommendationOutcome.Proceed, recommendation.Outcome);
        Assert.Empty(recommendation.Undecided);
        Assert.Empty(recommendation.NotAccepted);
        Assert.Equal("Update the EPCL.", recommendation.Summary);
    }

    [Fact]
    public void GivenAnLscExplicitlyWithNoDecision_ThenThereIsNoRecommendationYet()
    {
        var noDecision = new CriterionDecided(6, CriterionDecision.NoDecision, null, null, Rag.Amber, null, null);
        var recommendation = PanelRecommendation.For(GivenMeeting(Accepted(1), Accepted(2), Accepted(3), noDecision));
        Assert.Equal(RecommendationOutcome.Undetermined, recommendation.Outcome);
        Assert.Equal([6], recommendation.Undecided);
    }

    [Fact]
    public void GivenAStatusAgreedWithACondition_WhenValidated_ThenTheConditionIsRefused()
    {
        var (events, rejection) = RecordDecisions.Validate(new DecisionsRequest(
            [new CriterionDecisionRequest(6, "statusAgreed", "Something first.", null, "amber", null, null)], null));
        Assert.Null(events);
        Assert.Contains("criteria[0].condition", rejection!.Errors!.Keys);
    }

    [Fact]
    public void GivenAnLscWithoutADecision_ThenThereIsNoRecommendationYet()
    {
        var recommendation = PanelRecommendation.For(GivenMeeting(Accepted(1), Accepted(2), Accepted(3)));
        Assert.Equal(RecommendationOutcome.Undetermined, recommendation.Outcome);
        Assert.Equal([6], recommendation.Undecided);
    }

    [Fact]
    public void GivenNoSubmissionYet_WhenTheTagViewArrives_ThenItIsKeptAndAppliedOnceTheDccSubmits()
    {
        var tagView = new TagViewRecorded([new TagCriterionView(4, CriterionDecision.Accepted, Rag.Green, "Testing complete.")], []);
        var kind = CaseProcess.FindWait("TagView")!;
        var opened = Given(UpToMeeting[0]);

        var kept = Assert.IsType<ExternalEventRaised>(Assert.Single(CaseProcess.Raise(opened, kind, tagView).Events));
        var waiting = Given(UpToMeeting[0], kept);
        Assert.Single(waiting.Inbox);
        Assert.Empty(CaseProcess.Settle(waiting));

        var submitted = Given(UpToMeeting[0], kept, Submission);
        var settled = CaseProcess.Settle(submitted);
        Assert.Equal(new ExternalEventDelivered(2, null), settled[0]);
        var delivered = Assert.IsType<TagViewRecorded>(settled[1]);
        Assert.Equal(Rag.Green, Assert.Single(delivered.Criteria).Rag);

        var after = Given(UpToMeeting[0], kept, Submission, settled[0], settled[1]);
        Assert.Empty(after.Inbox);
        Assert.NotNull(after.TagView);
    }

    [Fact]
    public void GivenAKeptTagViewThatNoLongerFits_WhenItIsDelivered_ThenItIsRefusedVisiblyNotDropped()
    {
        var outOfScope = new TagViewRecorded([new TagCriterionView(9, CriterionDecision.Accepted, Rag.Green, "Fine.")], []);
        var kept = (ExternalEventRaised)CaseProcess.Raise(Given(UpToMeeting[0]), CaseProcess.FindWait("TagView")!, outOfScope).Events[0];
        var settled = CaseProcess.Settle(Given(UpToMeeting[0], kept, Submission));

        var delivered = Assert.IsType<ExternalEventDelivered>(Assert.Single(settled));
        Assert.Contains("LSC 9 is not in the TAG's scope", delivered.Refused, StringComparison.Ordinal);
        var after = Given(UpToMeeting[0], kept, Submission, delivered);
        Assert.Equal("TagView", Assert.Single(after.RefusedEvents).Name);
        Assert.Null(after.TagView);
    }

    [Fact]
    public void GivenNoPanelReportYet_ThenThePanelDecisionIsNotAwaited()
    {
        var decided = new PanelDecisionRecorded(PanelOutcome.ApprovedWithConditions, new DateOnly(2020, 3, 11), null);
        var kept = CaseProcess.Raise(GivenMeeting(), CaseProcess.FindWait("PanelDecision")!, decided);
        Assert.IsType<ExternalEventRaised>(Assert.Single(kept.Events));
    }

    private static RecordEvent[] UpToMeetingExtras(CaseState state) =>
        [.. state.Actions.Select(a => (RecordEvent)a.Raised), .. state.CriterionDecisions.Values, .. state.RiskDecisions.Values];
}
