using System.Net;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>Calling off a meeting before anything is recorded of it, pure: what is recorded, what is refused, and what it stops.</summary>
public sealed class CancelMeetingTests
{
    private static readonly MeetingScheduled Opsg25 = new("OPSG_25", MeetingKind.Ordinary, new DateOnly(2019, 10, 1), "10:00", "17:00", "Gemserv, London", false, Classification.Publishable, new DateOnly(2019, 11, 5));
    private static readonly DateTimeOffset August = new(2019, 8, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly MeetingCancelled NoBusiness = new("No business this month.");

    private static MeetingState Given(params RecordEvent[] events) =>
        events.Select((e, i) => new RecordedEvent(i + 1, e, new Actor(Role.Secas, "S"), August)).Aggregate(MeetingState.Empty("OPSG_25"), MeetingRecord.Events.Evolve);

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

/// <summary>POST /api/meetings/{id}/cancel through the HTTP pipeline, on Azurite and the Durable engine.</summary>
public sealed class CancelMeetingHttpTests(MeetingApp app) : IClassFixture<MeetingApp>
{
    private readonly HttpClient _secas = app.App.ClientAs("Secas");

    private async Task<string> NewMeetingAsync()
    {
        var id = "OPSG_X" + Guid.NewGuid().ToString("N")[..6];
        await _secas.PostJson("/api/meetings", new { meetingId = id, kind = "ordinary", date = "2034-06-06", startTime = "10:00", endTime = "16:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        return id;
    }

    private async Task<long> VersionAsync(string id) => (await _secas.GetAsync($"/api/meetings/{id}").ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>();

    [Fact]
    public async Task GivenAMeetingNothingIsRecordedOf_WhenSecasCancelsIt_ThenItIsListedCancelled_TakesNoMoreCommands_AndItsOrchestrationEnds()
    {
        var id = await NewMeetingAsync();

        var cancelled = await _secas.PostJson($"/api/meetings/{id}/cancel", new { reason = "Created under the wrong number." }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("Cancelled", "Created under the wrong number."), (cancelled.Text("stage"), cancelled.Text("cancelled.reason")));
        var listed = (await _secas.GetAsync("/api/meetings?from=2034-06-01&to=2034-06-30").ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("Cancelled", Assert.Single(listed, r => r!.Text("meetingId") == id)!.Text("stage"));
        var version = await VersionAsync(id);
        var refused = await (await _secas.PostJson($"/api/meetings/{id}/items", new { number = 1, title = "Previous Meeting Minutes" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("cancelled", refused.Text("detail"), StringComparison.Ordinal);
        await (await _secas.PutJson($"/api/meetings/{id}/schedule", new { date = "2034-06-13", startTime = "10:00", endTime = "16:00", teleconference = true })).ProblemAsync(HttpStatusCode.Conflict);
        await _secas.PostJson($"/api/meetings/{id}/cancel", new { reason = "Again." }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(version, await VersionAsync(id));
        // Nor is a readiness case opened for it: a case's meeting never changes.
        var noCase = await (await _secas.PostJson("/api/cases", Seed002.OpenCaseAt(id))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("cancelled", noCase.Text("detail"), StringComparison.Ordinal);

        // Its reminders (papers, draft minutes) are no longer due, so the meeting's orchestration has nothing to wait for.
        var engine = app.App.Service<DurableTaskClient>();
        await EngineChecks.UntilAsync(async () => await engine.GetInstanceAsync(id) is { RuntimeStatus: OrchestrationRuntimeStatus.Completed }, "the meeting's orchestration completed");
    }

    [Fact]
    public async Task GivenAMinutedMeetingOrOneACaseIsOpenedFor_WhenCancelled_Then409_AndAReasonMissingIs400_NothingRecorded()
    {
        var minuted = await NewMeetingAsync();
        await _secas.PostJson($"/api/meetings/{minuted}/items", new { number = 1, title = "Previous Meeting Minutes" }).ExpectAsync(HttpStatusCode.Created);
        var minutedAt = await VersionAsync(minuted);
        await (await _secas.PostJson($"/api/meetings/{minuted}/cancel", new { reason = "No business." })).ProblemAsync(HttpStatusCode.Conflict);
        await (await _secas.PostJson($"/api/meetings/{minuted}/cancel", new { })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        Assert.Equal(minutedAt, await VersionAsync(minuted));

        var forACase = await NewMeetingAsync();
        var caseId = await _secas.OpenCaseAsync(Seed002.OpenCaseAt(forACase));
        var version = await VersionAsync(forACase);
        var refused = await (await _secas.PostJson($"/api/meetings/{forACase}/cancel", new { reason = "No business." })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains(caseId, refused.Text("detail"), StringComparison.Ordinal);
        Assert.Equal(version, await VersionAsync(forACase));
    }
}
