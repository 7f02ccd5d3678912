using Opsg.Functions.Records;
using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>The draft minutes of seed 002: decisions, attendance, and post-meeting notes in brackets where they belong.</summary>
public sealed class DraftMinutesTests
{
    private readonly AngleSharp.Dom.IDocument _minutes = Render(ReportKinds.DraftMinutes, Seed002Recorded.State());

    [Fact]
    public void GivenSeed002_ThenTheHeaderIsTheMeetingsDocumentIdAsADraft()
    {
        Assert.Equal("OPSG_29xxx_2802_seed002", _minutes.QuerySelector("[data-field=document-id]").Text());
        Assert.Equal("Draft", _minutes.QuerySelector("[data-field=document-status]").Text());
        Assert.Equal("28 February 2020", _minutes.QuerySelector("[data-field=meeting-date]").Text());
        Assert.Equal("98,218", _minutes.QuerySelector("[data-field=active]").Text());
        Assert.Equal("43,154", _minutes.QuerySelector("[data-field=dormant]").Text());
    }

    [Fact]
    public void GivenMinutesApproved_ThenTheStatusIsFinal()
    {
        var approved = Seed002Recorded.State().Update<CaseState, ReviewSlice>(r => r with { MinutesApproved = new MinutesApproved("OPSG_30", new DateOnly(2020, 3, 25)) });
        Assert.Equal("Final", Render(ReportKinds.DraftMinutes, approved).QuerySelector("[data-field=document-status]").Text());
    }

    [Theory]
    [InlineData(1, "accepted", "GREEN")]
    [InlineData(2, "accepted-subject-to-condition", "GREEN")]
    [InlineData(3, "accepted-subject-to-condition", "GREEN")]
    [InlineData(6, "status-agreed", "AMBER")]
    [InlineData(7, "accepted", "GREEN")]
    [InlineData(8, "status-agreed", "AMBER")]
    [InlineData(9, "accepted-subject-to-condition", "AMBER")]
    public void GivenSeed002_ThenEachLscInOpsgScopeHasItsDecisionAndRag(int lsc, string decision, string rag)
    {
        var item = _minutes.QuerySelector($"#criteria article[data-lsc='{lsc}']")!;
        Assert.Equal(decision, item.GetAttribute("data-decision"));
        Assert.Equal(rag, item.QuerySelector(".rag").Text());
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public void GivenAnLscWhoseStatusAloneWasAgreed_ThenTheMinutesSayStatusAgreedAndNoDecision(int lsc)
    {
        var item = _minutes.QuerySelector($"#criteria article[data-lsc='{lsc}']")!;
        Assert.StartsWith("Status agreed: AMBER", item.QuerySelector(".decision").Text());
        Assert.DoesNotContain("Decision:", item.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Accepted", item.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenSeed002_ThenRisk5IsMinutedAcceptedWithItsRemovalPendingTheTag()
    {
        var risk5 = _minutes.QuerySelector("#risks article[data-risk='5']")!;
        Assert.Equal("accepted-removal-pending-tag-approval", risk5.GetAttribute("data-decision"));
        Assert.Equal("Accepted; removal pending TAG approval", risk5.QuerySelector("[data-field=decision]").Text());
        Assert.Null(risk5.QuerySelector("[data-field=settlement]"));
    }

    // Risk 5 has its own test above.
    [Theory]
    [InlineData(3, "accepted", "Accepted")]
    [InlineData(4, "removed", "Removed")]
    [InlineData(8, "accepted", "Accepted")]
    [InlineData(9, "accepted", "Accepted")]
    [InlineData(10, "accepted", "Accepted")]
    [InlineData(12, "accepted-subject-to-action", "Accepted subject to an action")]
    [InlineData(13, "accepted", "Accepted")]
    public void GivenSeed002_ThenEveryOtherRiskIsMinutedWithTheOutcomeTheGroupAgreed(int risk, string key, string decision)
    {
        var item = _minutes.QuerySelector($"#risks article[data-risk='{risk}']")!;
        Assert.Equal(key, item.GetAttribute("data-decision"));
        Assert.Equal(decision, item.QuerySelector("[data-field=decision]").Text());
    }

    [Fact]
    public void GivenSeed002_ThenRisk12IsAcceptedSubjectToActionSlash02AndRisk10CarriesItsReassessmentDate()
    {
        Assert.EndsWith($"(action {Seed002Recorded.Action02})", _minutes.QuerySelector("#risks article[data-risk='12'] .decision").Text(), StringComparison.Ordinal);
        Assert.Contains("not in by 6 May", _minutes.QuerySelector("#risks article[data-risk='10']").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenSeed002_ThenLsc6sAmberCarriesTheGroupsNoteThatItShouldNotAffectTheRecommendation() =>
        Assert.Contains("should not affect the recommendation to go live", _minutes.QuerySelector("#criteria article[data-lsc='6'] .decision").Text(), StringComparison.Ordinal);

    [Fact]
    public void GivenSeed002_ThenLsc2RestsOnRisk12sProvisionsAndLsc9OnTheRevisedBcdrPlan()
    {
        Assert.StartsWith("Condition: The provisions of Residual Risk 12", _minutes.QuerySelector("#criteria article[data-lsc='2'] [data-field=condition]").Text(), StringComparison.Ordinal);
        Assert.StartsWith("Condition: Publication of a revised BCDR plan", _minutes.QuerySelector("#criteria article[data-lsc='9'] [data-field=condition]").Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, "Accept")]
    [InlineData(4, "Remove: no longer a risk")]
    [InlineData(5, "Accept and remove")]
    [InlineData(10, "Accept")]
    public void GivenSeed002_ThenEachRiskOfTheDccShowsItsProposalBesideTheDecision(int risk, string proposal)
    {
        var item = _minutes.QuerySelector($"#risks article[data-risk='{risk}']")!;
        Assert.Equal($"The DCC’s proposal: {proposal}", item.QuerySelector("[data-field=proposal]").Text());
        Assert.NotNull(item.QuerySelector("[data-field=decision]"));
    }

    [Fact]
    public void GivenSeed002_ThenTheRisksSecasAddedHaveNoDccProposal() =>
        Assert.All([12, 13], risk => Assert.Null(_minutes.QuerySelector($"#risks article[data-risk='{risk}'] [data-field=proposal]")));

    [Fact]
    public void GivenSeed002sGappedRiskNumbers_ThenTheMinutesSayWhy() =>
        Assert.Contains("numbering of its earlier submission", _minutes.QuerySelector("#risks [data-field=risk-numbering]").Text(), StringComparison.Ordinal);

    [Fact]
    public void GivenRisksNumberedWithoutAGap_ThenNoNumberingNoteIsPrinted()
    {
        var events = Seed002Recorded.All().Select(e => e is Opsg.Functions.Submissions.ReadinessSubmitted s
            ? s with { Risks = [.. s.Risks.Select((r, i) => r with { Number = i + 1 })] }
            : e).Where(e => e is not RiskDecided);
        var minutes = Render(ReportKinds.DraftMinutes, Seed002Recorded.Fold(events));
        Assert.Null(minutes.QuerySelector("#risks [data-field=risk-numbering]"));
    }

    [Theory]
    [InlineData("publication of a revised BCDR plan covering MDS and Telefonica", "Condition: Publication of a revised BCDR plan covering MDS and Telefonica")]
    [InlineData("A revised BCDR plan is published.", "Condition: A revised BCDR plan is published.")]
    public void GivenAConditionTypedAsAPhraseOrASentence_ThenTheDocumentsPrintItAfterALabelNeverRunIntoASentence(string typed, string printed)
    {
        var events = Seed002Recorded.All().Select(e => e is CriterionDecided { Lsc: 9 } lsc9 ? lsc9 with { Condition = typed } : e);
        var state = Seed002Recorded.Fold(events);
        var minutes = Render(ReportKinds.DraftMinutes, state);
        var report = Render(ReportKinds.PanelReport, state);

        Assert.Equal("Decision: Accepted subject to a condition", minutes.QuerySelector("#criteria article[data-lsc='9'] .decision").Text());
        Assert.Equal(printed, minutes.QuerySelector("#criteria article[data-lsc='9'] [data-field=condition]").Text());
        Assert.Equal(printed, report.QuerySelector("table.lscs tr[data-lsc='9'] td[data-view=opsg] [data-field=condition]").Text());
        Assert.Equal($"LSC 9 (OPSG): {printed["Condition: ".Length..]} Outstanding", report.QuerySelector("#conditions li[data-lsc='9']").Text());
        foreach (var document in new[] { minutes, report })
            Assert.DoesNotMatch(@"subject to (subject to|[A-Z])", document.Body.Text());
    }

    [Fact]
    public void GivenAConditionRestingOnARisksProvisions_ThenItReadsAsThoseProvisions() =>
        Assert.StartsWith("Condition: The provisions of Residual Risk 13", _minutes.QuerySelector("#criteria article[data-lsc='3'] [data-field=condition]").Text());

    [Fact]
    public void GivenSeed002_ThenOnlyOpsgScopeLscsAreMinuted() =>
        Assert.Equal(Seed002Recorded.OpsgScope, _minutes.QuerySelectorAll("#criteria article").Select(a => int.Parse(a.GetAttribute("data-lsc")!)));

    [Fact]
    public void GivenPostMeetingNotes_ThenEachSitsInBracketsUnderWhatItConcerns()
    {
        Assert.Equal("PMN-2", _minutes.QuerySelector("#criteria article[data-lsc='2'] .note")!.GetAttribute("data-note"));
        Assert.Equal("true", _minutes.QuerySelector("#criteria article[data-lsc='2'] [data-field=condition]")!.GetAttribute("data-discharged"));
        Assert.Equal("PMN-5", _minutes.QuerySelector("#criteria article[data-lsc='9'] .note")!.GetAttribute("data-note"));
        Assert.Equal("PMN-4", _minutes.QuerySelector("#risks article[data-risk='12'] .note")!.GetAttribute("data-note"));
        Assert.Equal("PMN-1", _minutes.QuerySelector($"#actions tr[data-action='{Seed002Recorded.Action01}'] .note")!.GetAttribute("data-note"));
        Assert.Equal("PMN-3", _minutes.QuerySelector($"#actions tr[data-action='{Seed002Recorded.Action02}'] .note")!.GetAttribute("data-note"));
        var note = _minutes.QuerySelector("#criteria article[data-lsc='9'] .note").Text();
        Assert.StartsWith("[Post-meeting note: Telefonica", note); // the seed gives it no date, and neither do the minutes
        Assert.EndsWith("]", note);
        Assert.StartsWith("[Post-meeting note, 5 March 2020:", _minutes.QuerySelector($"#actions tr[data-action='{Seed002Recorded.Action02}'] .note").Text());
        Assert.StartsWith("[Post-meeting note: ", _minutes.QuerySelector($"#actions tr[data-action='{Seed002Recorded.Action01}'] .note").Text()); // undated, as in the seed
        Assert.Null(_minutes.QuerySelector("#criteria article[data-lsc='3'] .note"));
        Assert.Equal(5, _minutes.QuerySelectorAll("[data-note^='PMN-']").Length);
    }

    [Fact]
    public void GivenANoteAboutTheMeetingAsAWhole_ThenItHasItsOwnSection()
    {
        var events = Seed002Recorded.All().Append(new Opsg.Functions.Review.PostMeetingNoteAdded("PMN-6", Opsg.Functions.Review.NoteEffect.Clarification, null, null, null, new DateOnly(2020, 3, 9), "The venue was Gemserv's London office."));
        var minutes = Render(ReportKinds.DraftMinutes, Seed002Recorded.Fold(events));
        Assert.Equal("PMN-6", minutes.QuerySelector("#meeting-notes .note")!.GetAttribute("data-note"));
        Assert.Null(_minutes.QuerySelector("#meeting-notes"));
    }

    [Fact]
    public void GivenSeed002_ThenActionsShowIdsAndStatusesAndClosingDates()
    {
        var rows = _minutes.QuerySelectorAll("#actions tr[data-action]");
        Assert.Equal([Seed002Recorded.Action01, Seed002Recorded.Action02, Seed002Recorded.Action03], rows.Select(r => r.GetAttribute("data-action")));
        Assert.Equal(["closed", "closed", "open"], rows.Select(r => r.GetAttribute("data-status")));
        Assert.Contains("5 March 2020", rows[1].QuerySelector("td.status-cell").Text());
    }

    [Fact]
    public void GivenSeed002_ThenTheRecommendationAgreedAtTheMeetingIsMinutedAndItsChangeNoted()
    {
        Assert.Equal("Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 2, 3 and 9.",
            _minutes.QuerySelector("[data-field=agreed-at-meeting]").Text());
        Assert.Equal(PanelRecommendation.For(Seed002Recorded.State()).Summary, _minutes.QuerySelector("#recommendation [data-field=recommendation]").Text());
    }

    [Fact]
    public void GivenSeed002_ThenAttendanceIsByConstituencyWithItsFlags()
    {
        Assert.Equal(["Operations Group Chair", "Network Party", "Large Supplier", "Small Supplier", "Other SEC Party"],
            _minutes.QuerySelectorAll("#attendance-members tr[data-constituency]").Select(r => r.GetAttribute("data-constituency")));
        Assert.Equal(["DCC", "SECAS", "TAG", "BEIS"], _minutes.QuerySelectorAll("#attendance-others tr[data-organisation]").Select(r => r.GetAttribute("data-organisation")));
        var gareth = _minutes.QuerySelector(".attendee[data-name='Gareth Sherratt']")!;
        Assert.Equal("alternate for Nassar Zeb", gareth.QuerySelector("[data-flag=alternate]").Text());
        Assert.NotNull(gareth.QuerySelector("[data-flag=teleconference]"));
        Assert.Null(_minutes.QuerySelector(".attendee[data-name='Paul Clark'] [data-flag=teleconference]"));
        Assert.Equal("Meeting Secretary", _minutes.QuerySelector(".attendee[data-name='Veronica Asantewaa'] [data-flag=role]").Text());
        Assert.Contains("none recorded", _minutes.QuerySelector("[data-field=apologies]").Text());
    }
}
