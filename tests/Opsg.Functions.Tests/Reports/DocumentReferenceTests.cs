using Opsg.Functions.Cases;
using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>A document reference identifies one document: two cases reviewed at one meeting never share one.</summary>
public sealed class DocumentReferenceTests
{
    private static CaseState CaseAt(string caseId) =>
        History.Given(caseId, [.. Seed002Recorded.UntilMeetingClosed()]);

    [Fact]
    public void GivenTwoCasesReviewedAtOneMeeting_ThenTheirReportsAndMinutesHaveDifferentReferences()
    {
        var first = CaseAt("3f9a1c0744d14b1e9d7c2a5b6e8f0a1c");
        var second = CaseAt("b27e0d5a91c84f3db6a0e7c2f4d19e83");

        foreach (var kind in new[] { ReportKinds.DraftMinutes, ReportKinds.PanelReport, ReportKinds.ActionsRegister, ReportKinds.ReadinessPack })
        {
            var (a, b) = (DocumentId(kind, first), DocumentId(kind, second));
            Assert.NotEqual(a, b);
            Assert.StartsWith("OPSG_29xxx_2802_", a, StringComparison.Ordinal);
        }
        Assert.Equal("OPSG_29xxx_2802_3f9a1c07_PR", DocumentId(ReportKinds.PanelReport, first));
        Assert.Equal("OPSG_29xxx_2802_b27e0d5a", DocumentId(ReportKinds.DraftMinutes, second));
    }

    [Fact]
    public void GivenOneCase_ThenItsReferenceIsTheSameBeforeAndAfterTheNotesAndFromEveryRender()
    {
        // The reference comes from the record (meeting, date, case id), not from when or how often it is rendered.
        const string caseId = "c5e1d9a2b7f04c6e8a3d1b9f0e2c4a6d";
        var later = History.Given(caseId, [.. Seed002Recorded.All()]);
        Assert.Equal(DocumentId(ReportKinds.PanelReport, CaseAt(caseId)), DocumentId(ReportKinds.PanelReport, later));
        Assert.Equal("c5e1d9a2", DocumentHeader.CaseKey(caseId));
    }

    [Fact]
    public void GivenCaseIdsWithPunctuationOrCapitals_ThenTheKeyIsTheirFirstEightLettersAndDigitsInLowerCase()
    {
        Assert.Equal("case1", DocumentHeader.CaseKey("case-1"));
        Assert.Equal("abcdef12", DocumentHeader.CaseKey("AB-CD_EF:1234"));
        Assert.Equal("case", DocumentHeader.CaseKey("--"));
    }

    private static string DocumentId(string kind, CaseState state) => Render(kind, state).QuerySelector("[data-field=document-id]").Text();
}
