using System.Net;
using System.Net.Http.Json;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Review;

/// <summary>
/// Action IDs are numbered per meeting, across every case that meeting reviews: over HTTP on Azurite,
/// two cases of one meeting never share a number, whether they raise actions in turn or all at once;
/// a refused raise and an Idempotency-Key replay take no number, and a raise that loses a race keeps its
/// number, so contention burns none. The tests share one app; each has a meeting of its own.
/// </summary>
public sealed class MeetingActionNumberTests(MeetingActionNumberTests.App fixture) : IClassFixture<MeetingActionNumberTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");
    private readonly HttpClient _dcc = fixture.App.ClientAs("Dcc");

    [Fact]
    public async Task GivenTwoCasesAtOneMeeting_WhenTheyRaiseActionsInTurn_ThenTheMeetingNumbersThemOnce_01To06()
    {
        var meeting = NewMeetingId();
        var first = await MeetingHeldAsync(meeting);
        var second = await MeetingHeldAsync(meeting);
        var elsewhere = await MeetingHeldAsync(NewMeetingId());

        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var caseId = i % 2 == 0 ? first : second;
            var response = await RaiseAsync(caseId, $"Action {i + 1} of the meeting.");
            var raised = await Task.FromResult(response).ExpectAsync(HttpStatusCode.Created);
            ids.Add(raised.Text("id"));
            // The Location names the action by the number in its ID, within its own case.
            Assert.Equal($"/api/cases/{caseId}/actions/{i + 1}", response.Headers.Location!.OriginalString);
            Assert.Equal(raised.Text("id"), (await _secas.GetAsync(response.Headers.Location).ExpectAsync(HttpStatusCode.OK)).Text("id"));
        }

        var prefix = meeting.Replace('_', ' ');
        Assert.Equal(Enumerable.Range(1, 6).Select(n => $"{prefix}/{n:00}"), ids);
        Assert.Equal([$"{prefix}/01", $"{prefix}/03", $"{prefix}/05"], await ActionIdsAsync(first));
        Assert.Equal([$"{prefix}/02", $"{prefix}/04", $"{prefix}/06"], await ActionIdsAsync(second));
        // Another case's number is not this case's action.
        await (await _secas.GetAsync($"/api/cases/{first}/actions/2")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _secas.PostJson($"/api/cases/{second}/actions/1/progress", new { on = "2020-03-02", text = "Not ours." })).ProblemAsync(HttpStatusCode.NotFound);
        // Another meeting keeps its own count.
        Assert.EndsWith("/01", (await RaiseAsync(elsewhere, "The other meeting's first.").ExpectAsync(HttpStatusCode.Created)).Text("id"), StringComparison.Ordinal);
        Assert.Equal(6, await MeetingCounters.LastActionNumberAsync(_app, meeting));
    }

    [Fact]
    public async Task Given20RaisesAtOnceAcrossTwoCasesOfOneMeeting_ThenAllAreRecorded_AsExactlyNumbers01To20()
    {
        const int Raises = 20;
        var meeting = NewMeetingId();
        var cases = new[] { await MeetingHeldAsync(meeting), await MeetingHeldAsync(meeting) };

        // Raises on one case race each other too: a loser is decided again with the number it holds, never told 409.
        var answers = await Task.WhenAll(Enumerable.Range(0, Raises).Select(async i =>
        {
            var caseId = cases[i % 2];
            return (CaseId: caseId, Raised: await RaiseAsync(caseId, $"Concurrent action {i}.").ExpectAsync(HttpStatusCode.Created));
        }));

        var answered = answers.Select(a => a.Raised.Text("id")).ToList();
        Assert.Equal(Raises, answered.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var recorded = new List<string>();
        foreach (var caseId in cases)
        {
            var ids = await ActionIdsAsync(caseId);
            Assert.Equal(answers.Where(a => a.CaseId == caseId).Select(a => a.Raised.Text("id")).Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
            Assert.Equal(Raises / 2, ids.Count);
            recorded.AddRange(ids);
        }
        // No request failed, so no number was lost: exactly 1 to 20, and the next one follows on.
        Assert.Equal(Enumerable.Range(1, Raises), recorded.Select(Number).Order());
        Assert.Equal(Raises, await MeetingCounters.LastActionNumberAsync(_app, meeting));
        Assert.Equal(Raises + 1, Number((await RaiseAsync(cases[0], "After the rush.").ExpectAsync(HttpStatusCode.Created)).Text("id")));
    }

    [Fact]
    public async Task GivenRefusedRaises_ThenNoNumberIsTaken_AndTheNextActionFollowsOn()
    {
        var meeting = NewMeetingId();
        var held = await MeetingHeldAsync(meeting);
        var notYetMet = await ReviewOpenedAsync(meeting);
        Assert.EndsWith("/01", (await RaiseAsync(held, "The first.").ExpectAsync(HttpStatusCode.Created)).Text("id"), StringComparison.Ordinal);

        // The meeting is not recorded in this case yet: 409, decided on the loaded case before any number is taken.
        await (await RaiseAsync(notYetMet, "Too early.")).ProblemAsync(HttpStatusCode.Conflict);
        // Invalid fields: 400 before the case is even read.
        await (await _secas.PostJson($"/api/cases/{held}/actions", new { text = "", owner = "DCC" })).ProblemAsync(HttpStatusCode.BadRequest, "text");
        // A target before the meeting (when the action is raised): a rule of the decision, 400.
        await (await _secas.PostJson($"/api/cases/{held}/actions", new { text = "Backdated.", owner = "DCC", targetDate = "2020-02-01" })).ProblemAsync(HttpStatusCode.BadRequest, "targetDate");
        // A stale If-Match: 412.
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{held}/actions") { Content = JsonContent.Create(new { text = "Stale.", owner = "DCC" }, options: Fixtures.Http.Json) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await _secas.SendAsync(stale)).ProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(1, await MeetingCounters.LastActionNumberAsync(_app, meeting));

        Assert.EndsWith("/02", (await RaiseAsync(held, "The second.").ExpectAsync(HttpStatusCode.Created)).Text("id"), StringComparison.Ordinal);
        Assert.Equal(2, await MeetingCounters.LastActionNumberAsync(_app, meeting));
    }

    [Fact]
    public async Task GivenAnIdempotencyKeyReplay_ThenTheSameIdComesBack_AndNoNumberIsTaken()
    {
        var meeting = NewMeetingId();
        var held = await MeetingHeldAsync(meeting);
        var other = await MeetingHeldAsync(meeting);
        var key = "raise-" + Guid.NewGuid().ToString("N");

        var first = await RaiseAsync(held, "Raised once.", key);
        var firstBody = await Task.FromResult(first).ExpectAsync(HttpStatusCode.Created);
        Assert.EndsWith("/01", firstBody.Text("id"), StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            var replay = await RaiseAsync(held, "Raised once.", key);
            Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
            Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(firstBody.ToJsonString(), (await replay.Json_()).ToJsonString());
            Assert.Equal(first.Headers.Location, replay.Headers.Location);
        }
        Assert.Equal(1, await MeetingCounters.LastActionNumberAsync(_app, meeting));

        // The next action of the meeting, in either case, follows straight on.
        Assert.EndsWith("/02", (await RaiseAsync(other, "Raised in the other case.").ExpectAsync(HttpStatusCode.Created)).Text("id"), StringComparison.Ordinal);
        Assert.Single(await ActionIdsAsync(held));
    }

    [Fact]
    public async Task GivenEightDistinctRaisesAtOnceOnOneCase_ThenAllAreRecorded_AsExactlyNumbers01To08()
    {
        const int Raises = 8;
        var meeting = NewMeetingId();
        var held = await MeetingHeldAsync(meeting);

        // No retries by the client: a raise that loses the append to another raise is decided again with the number it holds.
        var answers = await Task.WhenAll(Enumerable.Range(0, Raises).Select(i => RaiseAsync(held, $"Contended action {i}.")));

        var numbers = new List<int>();
        foreach (var answer in answers) numbers.Add(Number((await Task.FromResult(answer).ExpectAsync(HttpStatusCode.Created)).Text("id")));
        Assert.Equal(Enumerable.Range(1, Raises), numbers.Order());
        Assert.Equal(Enumerable.Range(1, Raises), (await ActionIdsAsync(held)).Select(Number).Order());
        Assert.Equal(Raises, await MeetingCounters.LastActionNumberAsync(_app, meeting));
    }

    [Fact]
    public async Task GivenTenReplaysOfOneKeyAtOnce_AndANewRaiseBesideThem_ThenOneIdForTheReplays_AndNumbers01And02Only()
    {
        var meeting = NewMeetingId();
        var held = await MeetingHeldAsync(meeting);
        var key = "raise-" + Guid.NewGuid().ToString("N");

        var replays = Enumerable.Range(0, 10).Select(_ => RaiseAsync(held, "Raised once, sent ten times.", key)).ToList();
        var fresh = RaiseAsync(held, "Raised beside the replays.");
        await Task.WhenAll([.. replays, fresh]);

        var replayIds = new List<string>();
        foreach (var replay in replays) replayIds.Add((await replay.ExpectAsync(HttpStatusCode.Created)).Text("id"));
        var freshId = (await fresh.ExpectAsync(HttpStatusCode.Created)).Text("id");
        Assert.Single(replayIds.Distinct(StringComparer.Ordinal));
        Assert.Equal([1, 2], new[] { Number(replayIds[0]), Number(freshId) }.Order());
        Assert.Equal(2, await MeetingCounters.LastActionNumberAsync(_app, meeting));
        Assert.Equal(2, (await ActionIdsAsync(held)).Count);

        // The meeting's next action follows straight on.
        Assert.Equal(3, Number((await RaiseAsync(held, "After the replays.").ExpectAsync(HttpStatusCode.Created)).Text("id")));
    }

    private static string NewMeetingId() => "OPSG_" + Guid.NewGuid().ToString("N")[..8];

    private static int Number(string actionId) => int.Parse(actionId[(actionId.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> RaiseAsync(string caseId, string text, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/actions") { Content = JsonContent.Create(new { text, owner = "DCC" }, options: Fixtures.Http.Json) };
        if (idempotencyKey is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return await _secas.SendAsync(request);
    }

    private async Task<List<string>> ActionIdsAsync(string caseId) =>
        (await _secas.ReviewAsync(caseId))["actions"]!.AsArray().Select(a => a!.Text("id")).ToList();

    /// <summary>A seed 002 case opened for the given meeting, submitted (its pack rendered) and the review opened.</summary>
    private async Task<string> ReviewOpenedAsync(string meetingId)
    {
        var caseId = await _secas.OpenCaseAsync(new { title = "SMETS1 MOC: a DMC reviewed at " + meetingId, classification = "notForPublication", meetingId, meetingDate = "2020-02-28" });
        await _dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Accepted);
        await _secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count > 0);
        await _secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview).ExpectAsync(HttpStatusCode.OK);
        return caseId;
    }

    private async Task<string> MeetingHeldAsync(string meetingId)
    {
        var caseId = await ReviewOpenedAsync(meetingId);
        await _secas.PutJson($"/api/cases/{caseId}/meeting", Seed002Review.Meeting).ExpectAsync(HttpStatusCode.OK);
        return caseId;
    }
}
