using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>
/// The process manager as a pure function: given the case before and after an event, what the engine
/// does next. No I/O: the states are folded from seed 002's events.
/// </summary>
public sealed class CasePolicyTests
{
    private static readonly DateTimeOffset Now = new(2020, 2, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<PostMeetingNoteAdded> Notes = Seed002Recorded.Notes();

    private static CaseState Given(params RecordEvent[] events) => History.Given(Seed002Recorded.CaseId, events);

    private static CaseState AfterMeeting(params RecordEvent[] more) =>
        Given([.. Seed002Recorded.UntilMeetingClosed(), .. more]);

    /// <summary>Records <paramref name="e"/> on <paramref name="before"/> and asks the policy what follows.</summary>
    private static List<RecordEvent> When(CaseState before, RecordEvent e, DateTimeOffset? now = null)
    {
        var after = CaseRecord.Events.Evolve(before, new RecordedEvent(before.Version + 1, e, new Actor(Role.Secas, "secas"), now ?? Now));
        return CaseProcess.Next(before, after, e, now ?? Now).ToList();
    }

    private static ActivityScheduled Render(string kind, int version) => new(ReportSteps.Render, kind, version, null);

    private static string[] RenderedKinds(IEnumerable<RecordEvent> events) =>
        events.OfType<ActivityScheduled>().Select(a => $"{a.ReportKind} v{a.ReportVersion}").ToArray();

    // --- submissions and requests ------------------------------------------------------------

    [Fact]
    public void GivenAnOpenCase_WhenTheDccSubmitsTwice_ThenReadinessPackV1ThenV2IsScheduled()
    {
        var opened = Given(Seed002Recorded.Opening()[0]);
        var submission = Seed002Recorded.Opening()[1];
        Assert.Equal(["readiness-pack v1"], RenderedKinds(When(opened, submission)));
        Assert.Equal(["readiness-pack v2"], RenderedKinds(When(Given(Seed002Recorded.Opening()[0], submission, Render(ReportKinds.ReadinessPack, 1)), submission)));
    }

    [Fact]
    public void GivenAMeeting_WhenSecasRequestsTwoDocuments_ThenEachIsScheduledAtItsNextVersion()
    {
        var state = AfterMeeting(Render(ReportKinds.PanelReport, 1));
        Assert.Equal(["draft-minutes v1", "panel-report v2"], RenderedKinds(When(state, new ReportsRequested([ReportKinds.DraftMinutes, ReportKinds.PanelReport]))));
    }

    // --- timers --------------------------------------------------------------------------------

    [Fact]
    public void GivenAMeetingAMonthAway_WhenTheReviewOpens_ThenSecasIsRemindedFiveDaysBeforeIt()
    {
        var submitted = Given(Seed002Recorded.Opening().ToArray());
        var timer = Assert.IsType<TimerScheduled>(Assert.Single(When(submitted, new ReviewOpened(Seed002Recorded.MeetingId, new DateOnly(2020, 3, 10), null))));
        Assert.Equal(new DateTimeOffset(2020, 3, 5, 9, 0, 0, TimeSpan.Zero), timer.DueAt);
        Assert.Equal("MeetingReminder", timer.Purpose);

        Assert.Empty(When(submitted, new ReviewOpened(Seed002Recorded.MeetingId, new DateOnly(2020, 2, 12), null))); // too late to remind
    }

    [Fact]
    public void GivenAnAction_WhenRaisedWithATargetAndRevised_ThenADueTimerForEachTarget()
    {
        var meeting = Given([.. Seed002Recorded.Opening(), .. Seed002Recorded.Meeting().Take(2)]);
        var raised = new ActionRaised("OPSG 29xxx/04", 4, "Confirm the fix date.", "DCC", Seed002Recorded.MeetingDate, new DateOnly(2020, 3, 13));
        var first = Assert.IsType<TimerScheduled>(Assert.Single(When(meeting, raised)));
        Assert.Equal(("ActionDue", "OPSG 29xxx/04", new DateTimeOffset(2020, 3, 13, 9, 0, 0, TimeSpan.Zero)), (first.Purpose, first.Ref, first.DueAt));

        var revised = Assert.IsType<TimerScheduled>(Assert.Single(When(Given([.. Seed002Recorded.Opening(), .. Seed002Recorded.Meeting().Take(2), raised]),
            new ActionTargetRevised(raised.ActionId, new DateOnly(2020, 4, 3), "Waiting for the release."))));
        Assert.NotEqual(first.TimerId, revised.TimerId);
        Assert.Empty(When(meeting, raised with { TargetDate = null }));
    }

    [Fact]
    public void GivenAnActionDueTimer_WhenItFires_ThenAReminderIsSentOnlyWhileTheActionIsOpenAndTheTargetIsCurrent()
    {
        var raised = new ActionRaised("OPSG 29xxx/04", 4, "Confirm the fix date.", "DCC", Seed002Recorded.MeetingDate, new DateOnly(2020, 3, 13));
        var timer = new TimerScheduled("action-OPSG-29xxx-04-r0", new DateTimeOffset(2020, 3, 13, 9, 0, 0, TimeSpan.Zero), "ActionDue", raised.ActionId);
        RecordEvent[] upToTimer = [.. Seed002Recorded.Opening(), .. Seed002Recorded.Meeting().Take(2), raised, timer];

        var reminder = Assert.IsType<ActivityScheduled>(Assert.Single(When(Given(upToTimer), new TimerFired(timer.TimerId))));
        Assert.Equal((CaseReminders.SendStep, timer.TimerId), (reminder.Name, reminder.Reminder));
        Assert.Contains(raised.ActionId, reminder.Message, StringComparison.Ordinal);

        Assert.Empty(When(Given([.. upToTimer, new ActionTargetRevised(raised.ActionId, new DateOnly(2020, 4, 3), null)]), new TimerFired(timer.TimerId)));
        var closed = new PostMeetingNoteAdded("PMN-1", NoteEffect.ActionClosed, raised.ActionId, null, null, new DateOnly(2020, 3, 10), "Done.");
        Assert.Empty(When(Given([.. upToTimer, closed]), new TimerFired(timer.TimerId)));
    }

    // --- what a post-meeting note re-renders ---------------------------------------------------

    private static readonly RecordEvent[] AllThreeIssued =
        [Render(ReportKinds.DraftMinutes, 1), Render(ReportKinds.PanelReport, 1), Render(ReportKinds.ActionsRegister, 1)];

    [Fact]
    public void GivenTheThreeDocumentsIssued_WhenANoteDischargesLsc2sCondition_ThenTheMinutesAndPanelReportAreReissuedButNotTheActionsRegister()
    {
        // Seed 002's PMN-2: the actions register shows no condition, so it would be a copy of v1.
        var reactions = When(AfterMeeting(AllThreeIssued), Notes.Single(n => n.Lsc == 2));
        Assert.Equal(["draft-minutes v2", "panel-report v2"], RenderedKinds(reactions));
    }

    [Fact]
    public void GivenTheThreeDocumentsIssued_WhenANoteClosesAnAction_ThenEachIsReissued() =>
        Assert.Equal(["draft-minutes v2", "panel-report v2", "actions-register v2"], RenderedKinds(When(AfterMeeting(AllThreeIssued), Notes[0])));

    [Fact]
    public void GivenTheThreeDocumentsIssued_WhenANoteClarifiesTheMeetingAsAWhole_ThenOnlyTheMinutesAreReissued()
    {
        // The Panel report and the register carry no meeting-wide notes.
        var clarification = new PostMeetingNoteAdded("PMN-1", NoteEffect.Clarification, null, null, null, new DateOnly(2020, 3, 2), "The venue was Gemserv's London office.");
        Assert.Equal(["draft-minutes v2"], RenderedKinds(When(AfterMeeting(AllThreeIssued), clarification)));
    }

    [Fact]
    public void GivenNoDocumentIssuedYet_WhenANoteIsAdded_ThenNothingIsRendered() =>
        Assert.Empty(When(AfterMeeting(), Notes[0]));

    [Fact]
    public void GivenARenderingStillScheduled_WhenANoteChangesItsDocument_ThenAnotherVersionFollows()
    {
        // v1 was scheduled before the note, so it is rendered from a history without it.
        var reactions = When(AfterMeeting(Render(ReportKinds.ActionsRegister, 1)), Notes[0]);
        Assert.Equal(["actions-register v2"], RenderedKinds(reactions));
    }

    [Theory]
    [InlineData(ReportKinds.DraftMinutes)]
    [InlineData(ReportKinds.PanelReport)]
    [InlineData(ReportKinds.ActionsRegister)]
    public void GivenEachOfSeed002sNotesInTurn_ThenTheModelsDifferExactlyWhenTheRenderedBytesDo(string kind)
    {
        // The policy decides from view models; this holds it to what a reader would actually see.
        var state = AfterMeeting();
        foreach (var note in Notes)
        {
            var after = CaseRecord.Events.Evolve(state, new RecordedEvent(state.Version + 1, note, new Actor(Role.Secas, "secas"), Now));
            var bytesDiffer = Fixtures.Reports.Renderer.Render(kind, state) != Fixtures.Reports.Renderer.Render(kind, after);
            var modelsDiffer = ReportModels.Differ(kind, state, after);
            Assert.True(bytesDiffer == modelsDiffer, $"{kind} after {note.NoteId}: bytes differ {bytesDiffer}, models differ {modelsDiffer}");
            state = after;
        }
    }
}
