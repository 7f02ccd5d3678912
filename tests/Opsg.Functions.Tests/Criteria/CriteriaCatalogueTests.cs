using Opsg.Functions.Cases;
using Opsg.Functions.Criteria;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Panel;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Criteria;

/// <summary>A case names its catalogue; every decider that cites an LSC refuses one outside it. Pure.</summary>
public sealed class CriteriaCatalogueTests
{
    private static readonly DateOnly MeetingDay = new(2020, 2, 28);

    [Fact]
    public void GivenTheSmets1MigrationCatalogue_ThenItHoldsLsc1To9EachWithATitle()
    {
        var catalogue = CriteriaCatalogues.Smets1Migration;
        Assert.Equal(Enumerable.Range(1, 9), catalogue.Criteria.Select(c => c.Lsc));
        Assert.All(catalogue.Criteria, c => Assert.False(string.IsNullOrWhiteSpace(c.Title)));
        Assert.Equal(9, catalogue.Criteria.Select(c => c.Title).Distinct().Count());
        Assert.Equal("LSC 1 to 9", catalogue.Describe());
        Assert.Null(catalogue.Miss(9));
        Assert.Equal("LSC 10 is not in the SMETS1 migration catalogue (LSC 1 to 9).", catalogue.Miss(10));
    }

    [Theory]
    [InlineData(new int[0], "no LSCs")]
    [InlineData(new[] { 9 }, "LSC 9")]
    [InlineData(new[] { 2, 3 }, "LSCs 2 and 3")]
    [InlineData(new[] { 2, 3, 9 }, "LSCs 2, 3 and 9")]
    public void GivenSomeCriteria_WhenNamedInASentence_ThenTheyReadAsAPersonWouldWriteThem(int[] lscs, string named) =>
        Assert.Equal(named, Lscs.Named(lscs));

    [Fact]
    public void GivenNoCatalogueNamed_WhenACaseIsOpened_ThenItRecordsSmets1Migration()
    {
        var (opened, rejection) = OpenCase.Validate(new OpenCaseRequest("MDS readiness", "notForPublication", "OPSG_29xxx", MeetingDay));
        Assert.Null(rejection);
        Assert.Equal(CriteriaCatalogues.Smets1MigrationId, opened!.Catalogue);
    }

    [Fact]
    public void GivenAnUnknownCatalogue_WhenACaseIsOpened_ThenTheCatalogueFieldIsNamed()
    {
        var (opened, rejection) = OpenCase.Validate(new OpenCaseRequest("MDS readiness", "notForPublication", "OPSG_29xxx", MeetingDay, "smets2-release"));
        Assert.Null(opened);
        Assert.Equal(["catalogue"], rejection!.Errors!.Keys);
    }

    [Fact]
    public void GivenACaseOpenedBeforeCataloguesWereNamed_ThenItCitesFromSmets1Migration() =>
        Assert.Same(CriteriaCatalogues.Smets1Migration, History.Given(new CaseOpened("Old case", Classification.NotForPublication, "OPSG_25", MeetingDay)).Catalogue);

    [Fact]
    public void GivenSeed002_ThenEveryLscIsTitledFromTheCatalogue()
    {
        var review = ReviewView.From(Seed002Recorded.State(), stage: "");
        Assert.Equal(CriteriaCatalogues.Smets1MigrationId, review.Catalogue);
        Assert.All(review.Criteria, c => Assert.Equal(CriteriaCatalogues.Smets1Migration.TitleOf(c.Lsc), c.Title));
    }

    [Fact]
    public void GivenSeed002AfterTheMeeting_WhenADecisionCitesLsc10_ThenItsLscIsNamedAsOutsideTheCatalogue()
    {
        var refused = RecordDecisions.Decide(Seed002Recorded.AtMeeting(), [new CriterionDecided(10, CriterionDecision.Accepted, null, null, Rag.Green, null, null)]);
        Assert.Equal(400, refused.Rejection?.Status);
        Assert.Contains("catalogue", Assert.Single(refused.Rejection!.Errors!["criteria[0].lsc"]), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenSeed002AfterTheMeeting_WhenANoteCitesLsc10_ThenLscIsNamed()
    {
        var refused = PostMeetingNotes.Decide(Seed002Recorded.AtMeeting(), new PostMeetingNoteAdded("", NoteEffect.Clarification, null, 10, null, MeetingDay.AddDays(3), "About LSC 10."));
        Assert.Equal(["lsc"], refused.Rejection!.Errors!.Keys);
    }

    [Fact]
    public void GivenACaseJustOpened_WhenTheTagCitesLsc10_ThenItIsNotAdmittedEvenBeforeTheSubmission()
    {
        var opened = History.Given(new CaseOpened("MDS readiness", Classification.NotForPublication, "OPSG_29xxx", MeetingDay, CriteriaCatalogues.Smets1MigrationId));
        var view = new TagViewRecorded([new TagCriterionView(4, CriterionDecision.Accepted, Rag.Green, "Fine."), new TagCriterionView(10, CriterionDecision.Accepted, Rag.Green, "Fine.")], []);
        Assert.Equal(["criteria[1].lsc"], TagView.Admit(opened, view)!.Errors!.Keys);
        Assert.Equal(400, CaseProcess.Raise(opened, CaseProcess.FindWait("TagView")!, view).Rejection?.Status);
    }
}
