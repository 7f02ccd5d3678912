using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Review;

/// <summary>
/// The TAG's view counts in the one recommendation as the OPSG's decisions do: its conditions are named
/// with the body that set it, its "not accepted" stops the recommendation, and a note can discharge its
/// conditions. A case with the OPSG's conditions on LSCs 2 and 5 and the TAG's on LSC 7. Pure.
/// </summary>
public sealed class TagConditionTests
{
    private static readonly DateOnly MeetingDay = new(2020, 2, 28);

    private static readonly RecordEvent[] UpToMeeting =
    [
        new CaseOpened("MDS readiness", Classification.NotForPublication, "OPSG_29xxx", MeetingDay),
        new ReadinessSubmitted(
            new Subject("SMETS1 MOC", "MDS Elster", "update the EPCL"),
            new Cohort(98218, 43154),
            [1, 2, 5],
            [7],
            [new(1, "Ready."), new(2, "Ready."), new(5, "Ready."), new(7, "Lessons recorded.")],
            [new(3, "No end-to-end capacity test", "Small cohort.", RiskProposal.Accept)]),
        new ReviewOpened("OPSG_29xxx", MeetingDay, null),
        new MeetingRecorded("OPSG_29xxx", MeetingDay, "12:30", "14:30", "London", [new Attendee("Dave Warner", Constituency.OperationsGroupChair, null, true, null, false, null)], []),
    ];

    private static readonly RecordEvent[] OpsgDecisions =
    [
        new CriterionDecided(1, CriterionDecision.Accepted, null, null, Rag.Green, null, null),
        new CriterionDecided(2, CriterionDecision.AcceptedSubjectToCondition, "Incident resolution times are met for a month.", null, Rag.Green, null, null),
        new CriterionDecided(5, CriterionDecision.AcceptedSubjectToCondition, "The remaining defects are closed.", null, Rag.Amber, null, null),
    ];

    private static TagViewRecorded TagOn7(CriterionDecision decision, string? condition = null, int? risk = null) =>
        new([new TagCriterionView(7, decision, Rag.Amber, "Lessons from IOC are not yet in the runbooks.", condition, risk)], []);

    private static CaseState Given(params RecordEvent[] more) => History.Given([.. UpToMeeting, .. OpsgDecisions, .. more]);

    [Fact]
    public void GivenConditionsFromBothBodies_ThenTheRecommendationNamesEachWithTheBodyThatSetIt()
    {
        var recommendation = PanelRecommendation.For(Given(TagOn7(CriterionDecision.AcceptedSubjectToCondition, "The runbooks carry the IOC lessons.")));

        Assert.Equal(RecommendationOutcome.ProceedSubjectToConditions, recommendation.Outcome);
        Assert.Equal("Update the EPCL, subject to the OPSG's conditions on LSCs 2 and 5 and the TAG's condition on LSC 7.", recommendation.Summary);
        Assert.Equal([(Body.Opsg, 2), (Body.Opsg, 5), (Body.Tag, 7)], recommendation.Conditions.Select(c => (c.SetBy, c.Lsc)));
    }

    [Fact]
    public void GivenConditionsFromBothBodies_WhenThePanelReportIsRendered_ThenItsRecommendationConditionsAndTagColumnAgree()
    {
        var report = Render(ReportKinds.PanelReport, Given(TagOn7(CriterionDecision.AcceptedSubjectToCondition, "The runbooks carry the IOC lessons.")));

        Assert.Contains("the TAG's condition on LSC 7", report.QuerySelector("[data-field=recommendation]").Text(), StringComparison.Ordinal);
        var listed = report.QuerySelectorAll("#conditions li").Select(li => (li.GetAttribute("data-body"), li.GetAttribute("data-lsc"))).ToList();
        Assert.Equal([("opsg", "2"), ("opsg", "5"), ("tag", "7")], listed);
        Assert.StartsWith("LSC 7 (TAG):", report.QuerySelector("#conditions li[data-lsc='7']").Text(), StringComparison.Ordinal);
        var tagCell = report.QuerySelector("table.lscs tr[data-lsc='7'] td[data-view=tag] [data-field=condition]")!;
        Assert.Equal("false", tagCell.GetAttribute("data-discharged"));
        Assert.Contains("The runbooks carry the IOC lessons.", tagCell.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTheTagDidNotAcceptLsc7_ThenTheRecommendationIsNotToProceedAndSaysWhoRefused()
    {
        var recommendation = PanelRecommendation.For(Given(TagOn7(CriterionDecision.NotAccepted)));
        Assert.Equal(RecommendationOutcome.DoNotProceed, recommendation.Outcome);
        Assert.Equal("Do not update the EPCL: LSC 7 not accepted by the TAG.", recommendation.Summary);
        Assert.Equal([new CriterionOf(Body.Tag, 7)], recommendation.NotAccepted);
    }

    [Fact]
    public void GivenBothBodiesRefusedAnLsc_ThenTheRecommendationNamesEachBodysRefusals()
    {
        var opsgRefuses2 = new CriterionDecided(2, CriterionDecision.NotAccepted, null, null, Rag.Red, null, null);
        var recommendation = PanelRecommendation.For(Given(opsgRefuses2, TagOn7(CriterionDecision.NotAccepted)));
        Assert.Equal("Do not update the EPCL: LSC 2 not accepted by the OPSG; LSC 7 not accepted by the TAG.", recommendation.Summary);
    }

    [Fact]
    public void GivenATagConditionOnLsc7_WhenANoteDischargesIt_ThenTheRecommendationKeepsOnlyTheOpsgsConditions()
    {
        var state = Given(TagOn7(CriterionDecision.AcceptedSubjectToCondition, "The runbooks carry the IOC lessons."));
        var note = Assert.IsType<PostMeetingNoteAdded>(Assert.Single(PostMeetingNotes.Decide(state,
            new PostMeetingNoteAdded("", NoteEffect.ConditionDischarged, null, 7, null, MeetingDay.AddDays(5), "The runbooks were updated.")).Events));

        var after = Given(TagOn7(CriterionDecision.AcceptedSubjectToCondition, "The runbooks carry the IOC lessons."), note);

        Assert.True(Conditions.On(after, Body.Tag, 7)!.Discharged);
        Assert.Equal("Update the EPCL, subject to the OPSG's conditions on LSCs 2 and 5.", PanelRecommendation.For(after).Summary);
        Assert.True(ReviewView.From(after, stage: "").Criteria.Single(c => c.Lsc == 7).Tag!.ConditionDischarged);
        Assert.Contains("LSC 7: the TAG's condition discharged.", ReportChanges.Between(ReportKinds.PanelReport, state, after).Select(c => c.Text));
    }

    [Fact]
    public void GivenATagConditionOnTheProvisionsOfRisk3_WhenRisk3sCaveatIsDischarged_ThenTheTagsConditionFallsAwayWithIt()
    {
        var action = new ActionRaised("OPSG 29xxx/01", 1, "Run the capacity test.", "DCC", MeetingDay, null);
        var caveat = new RiskDecided(3, RiskDecision.AcceptedSubjectToAction, action.ActionId, null);
        var tag = TagOn7(CriterionDecision.AcceptedSubjectToCondition, risk: 3);
        var state = Given(action, caveat, tag);
        Assert.Equal("the provisions of Residual Risk 3", Conditions.On(state, Body.Tag, 7)!.Condition);

        var note = Assert.IsType<PostMeetingNoteAdded>(Assert.Single(PostMeetingNotes.Decide(state,
            new PostMeetingNoteAdded("", NoteEffect.ConditionDischarged, null, null, 3, MeetingDay.AddDays(5), "The test ran.")).Events));
        var after = Given(action, caveat, tag, note);

        Assert.True(Conditions.On(after, Body.Tag, 7)!.DischargedThroughRisk);
        Assert.Equal("Update the EPCL, subject to the OPSG's conditions on LSCs 2 and 5.", PanelRecommendation.For(after).Summary);
    }

    [Fact]
    public void GivenATagViewAcceptingSubjectToNothing_WhenValidated_ThenTheConditionIsRequiredAsForTheOpsg()
    {
        var (_, refused) = TagView.Validate(new TagViewRequest([new TagCriterionRequest(7, "acceptedSubjectToCondition", null, null, "amber", "Open.")], null));
        Assert.Equal(["criteria[0].condition"], refused!.Errors!.Keys);

        var (_, opsgRefused) = RecordDecisions.Validate(new DecisionsRequest([new CriterionDecisionRequest(2, "acceptedSubjectToCondition", null, null, "amber", null, null)], null));
        Assert.Equal(refused.Errors["criteria[0].condition"], opsgRefused!.Errors!["criteria[0].condition"]);
    }

    [Fact]
    public void GivenATagConditionOnAnUnknownRisk_WhenChecked_ThenTheConditionRiskIsNamed()
    {
        var (view, _) = TagView.Validate(new TagViewRequest([new TagCriterionRequest(7, "acceptedSubjectToCondition", null, 11, "amber", "Open.")], null));
        Assert.Equal(["criteria[0].conditionRisk"], TagView.Check(Given(), view!)!.Errors!.Keys);
    }
}
