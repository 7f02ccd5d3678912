using System.Net;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>
/// A meeting's schedule through the HTTP pipeline, on Azurite and the Durable engine: moved (PUT /api/meetings/{id}/schedule),
/// cancelled (POST /api/meetings/{id}/cancel) and reinstated (POST /api/meetings/{id}/reinstate). One host for all.
/// </summary>
public sealed class MeetingScheduleHttpTests(MeetingApp app) : IClassFixture<MeetingApp>
{
    private readonly HttpClient _secas = app.App.ClientAs("Secas");

    [Fact]
    public async Task GivenAMeetingNotYetMinuted_WhenSecasMovesIt_ThenItIsHeldOnTheNewDate_AndOnceMinutedItCannotMove()
    {
        var id = "OPSG_M" + Guid.NewGuid().ToString("N")[..6];
        await _secas.PostJson("/api/meetings", new { meetingId = id, kind = "ordinary", date = "2034-05-02", startTime = "10:00", endTime = "16:00", venue = "Gemserv, London", classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);

        var moved = await _secas.PutJson($"/api/meetings/{id}/schedule", new { date = "2034-05-09", startTime = "13:00", endTime = "16:00", teleconference = true }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("2034-05-09", "13:00", $"{id}_0905"), (moved.Text("meeting.date"), moved.Text("meeting.startTime"), moved.Text("minutesReference")));
        var listed = (await _secas.GetAsync("/api/meetings?from=2034-05-01&to=2034-05-31").ExpectAsync(HttpStatusCode.OK)).AsArray();
        Assert.Equal("2034-05-09", Assert.Single(listed, r => r!.Text("meetingId") == id)!.Text("date"));

        await _secas.PostJson($"/api/meetings/{id}/items", new { number = 1, title = "Previous Meeting Minutes" }).ExpectAsync(HttpStatusCode.Created);
        var version = (await _secas.GetAsync($"/api/meetings/{id}").ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>();
        await (await _secas.PutJson($"/api/meetings/{id}/schedule", new { date = "2034-05-16", startTime = "10:00", endTime = "16:00", teleconference = true })).ProblemAsync(HttpStatusCode.Conflict);
        await (await _secas.PutJson($"/api/meetings/{id}/schedule", new { date = "2034-05-16", startTime = "16:00", endTime = "10:00" })).ProblemAsync(HttpStatusCode.BadRequest, "endTime", "venue");
        Assert.Equal(version, (await _secas.GetAsync($"/api/meetings/{id}").ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>());
    }

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

    [Fact]
    public async Task GivenACancelledMeeting_WhenSecasReinstatesIt_ThenItIsScheduledAsBefore_TakesCommands_AndItsOrchestrationRunsAgain()
    {
        var id = await NewMeetingAsync();
        var engine = app.App.Service<DurableTaskClient>();
        await _secas.PostJson($"/api/meetings/{id}/cancel", new { reason = "No business this month." }).ExpectAsync(HttpStatusCode.OK);
        await EngineChecks.UntilAsync(async () => await engine.GetInstanceAsync(id) is { RuntimeStatus: OrchestrationRuntimeStatus.Completed }, "the cancelled meeting's orchestration completed");

        var reinstated = await _secas.PostJson($"/api/meetings/{id}/reinstate", new { reason = "Cancelled in error." }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("Scheduled", "Cancelled in error.", "2034-06-06"), (reinstated.Text("stage"), reinstated.Text("reinstated.reason"), reinstated.Text("meeting.date")));
        Assert.Null(reinstated["cancelled"]);
        // Started again by the command itself, before it answered, not by the repair timer (every second in tests, so
        // it is asked at once: left to the timer, the instance would still show Completed here nearly every run).
        Assert.NotEqual(OrchestrationRuntimeStatus.Completed, (await engine.GetInstanceAsync(id))?.RuntimeStatus);
        await EngineChecks.UntilAsync(async () => await engine.GetInstanceAsync(id) is { RuntimeStatus: OrchestrationRuntimeStatus.Running }, "the reinstated meeting's orchestration runs again, waiting for its papers reminder of 2034");
        await _secas.PostJson($"/api/meetings/{id}/items", new { number = 1, title = "Previous Meeting Minutes" }).ExpectAsync(HttpStatusCode.Created);
        await _secas.OpenCaseAsync(Seed002.OpenCaseAt(id));

        var version = await VersionAsync(id);
        await _secas.PostJson($"/api/meetings/{id}/reinstate", new { reason = "Again." }).ExpectAsync(HttpStatusCode.OK);
        await (await _secas.PostJson($"/api/meetings/{id}/reinstate", new { })).ProblemAsync(HttpStatusCode.BadRequest, "reason");
        Assert.Equal(version, await VersionAsync(id));
        await (await _secas.PostJson("/api/meetings/OPSG_NONE/reinstate", new { reason = "Cancelled in error." })).ProblemAsync(HttpStatusCode.NotFound);

        // The history says who cancelled and reinstated it, and when; only when asked for.
        var history = (await app.App.ClientAs("OpsgMember").GetAsync($"/api/meetings/{id}?showHistory=true").ExpectAsync(HttpStatusCode.OK))["historyEvents"]!.AsArray();
        var byType = history.Where(e => e!.Text("actorRole") == "Secas").Select(e => e!.Text("eventType")).ToList();
        Assert.Equal(["MeetingScheduled", "MeetingCancelled", "MeetingReinstated", "AgendaItemAdded"], byType);
        Assert.Equal("Cancelled in error.", history.Single(e => e!.Text("eventType") == "MeetingReinstated")!.Text("payload.reason"));
        Assert.Null((await _secas.GetAsync($"/api/meetings/{id}").ExpectAsync(HttpStatusCode.OK))["historyEvents"]);
    }
}
