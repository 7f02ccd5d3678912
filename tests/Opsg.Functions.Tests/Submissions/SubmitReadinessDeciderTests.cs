using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Submissions;

/// <summary>The DCC's readiness statement as a pure decider: given a case, a submission decides events or a refusal.</summary>
public sealed class SubmitReadinessDeciderTests
{
    private static readonly DateOnly MeetingDay = new(2020, 2, 28);
    private static readonly CaseOpened Opened = new("MDS readiness", Classification.NotForPublication, "OPSG_29xxx", MeetingDay, "smets1-migration");

    private static SubmissionRequest Request(List<int>? opsg = null, List<int>? tag = null, List<CriterionRequest>? criteria = null, List<RiskRequest>? risks = null) => new(
        new SubjectRequest("SMETS1 MOC", "MDS Elster", "update the EPCL"),
        new CohortRequest(98218, 43154),
        opsg ?? [1, 2],
        tag ?? [4],
        criteria ?? [new(1, "Built, tested and deployed."), new(2, "Incident processes cover the estate.")],
        risks ?? [new(3, "No end-to-end capacity test", "Small cohort.", "accept")]);

    private static ReadinessSubmitted Valid(SubmissionRequest? request = null)
    {
        var (submitted, rejection) = SubmitReadiness.Validate(request ?? Request());
        Assert.Null(rejection);
        return submitted!;
    }

    [Fact]
    public void GivenAnOpenCase_WhenTheDccSubmits_ThenTheSubmissionIsRecordedAsSent()
    {
        var submission = Valid();
        var decision = SubmitReadiness.Decide(History.Given(Opened), submission);
        Assert.Same(submission, Assert.Single(decision.Events));
        Assert.Equal([1, 2], submission.OpsgScope);
        Assert.Equal(98218 + 43154, submission.Cohort.ActiveInstallations + submission.Cohort.DormantInstallations);
    }

    [Fact]
    public void GivenASubmission_WhenTheDccAmendsItBeforeTheMeeting_ThenTheAmendmentIsAnotherVersion()
    {
        var first = Valid();
        var amended = Valid(Request(opsg: [1, 2, 3], criteria: [new(1, "Built."), new(2, "Covered."), new(3, "10,000 a day.")]));
        var decision = SubmitReadiness.Decide(History.Given(Opened, first), amended);
        var state = History.Given(Opened, first, Assert.IsType<ReadinessSubmitted>(Assert.Single(decision.Events)));
        Assert.Equal(2, state.Submissions.Count);
        Assert.Equal([1, 2, 3], state.Submission!.OpsgScope);
    }

    [Fact]
    public void GivenTheMeetingWasHeld_WhenTheDccAmends_ThenTheStepIsOutOfOrder()
    {
        var state = History.Given(Opened, Valid(), new ReviewOpened("OPSG_29xxx", MeetingDay, null),
            new MeetingRecorded("OPSG_29xxx", MeetingDay, null, null, "London", [new Attendee("Dave Warner", Constituency.OperationsGroupChair, null, true, null, false, null)], []));
        var decision = SubmitReadiness.Decide(state, Valid());
        Assert.Equal(409, decision.Rejection?.Status);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void GivenNoCaseOrATerminatedOne_WhenTheDccSubmits_ThenNotFoundOrOutOfOrder()
    {
        Assert.Equal(404, SubmitReadiness.Decide(History.Given(), Valid()).Rejection?.Status);
        Assert.Equal(409, SubmitReadiness.Decide(History.Given(Opened, new CaseTerminated("Withdrawn.")), Valid()).Rejection?.Status);
    }

    [Fact]
    public void GivenASubmissionCitingLsc10_WhenDecided_ThenEachFieldCitingItIsNamed()
    {
        // LSC 10 is a valid number and in the TAG's scope with a statement: only the catalogue refuses it.
        var submission = Valid(Request(tag: [4, 10], criteria: [new(1, "Built."), new(2, "Covered."), new(10, "Security testing assured.")]));
        var decision = SubmitReadiness.Decide(History.Given(Opened), submission);
        Assert.Equal(400, decision.Rejection?.Status);
        Assert.Equal(["criteria[2].lsc", "tagScope"], decision.Rejection!.Errors!.Keys.Order());
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void GivenAnLscInBothScopesAndAnOpsgLscWithoutAStatement_WhenValidated_ThenBothAreNamed()
    {
        var (_, rejection) = SubmitReadiness.Validate(Request(opsg: [1, 2, 4], tag: [4]));
        Assert.Equal(["criteria", "tagScope"], rejection!.Errors!.Keys.Order());
        Assert.Contains("No readiness statement for LSC 4.", rejection.Errors["criteria"]);
    }

    [Fact]
    public void GivenARiskNumberTwice_WhenValidated_ThenTheSecondIsNamed()
    {
        var (_, rejection) = SubmitReadiness.Validate(Request(risks: [new(12, "ITIL", "Resolution times.", "accept"), new(12, "ITIL again", "Resolution times.", "remove")]));
        Assert.Equal(["risks[1].number"], rejection!.Errors!.Keys);
    }
}
