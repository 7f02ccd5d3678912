using Azure.Data.Tables;
using System.Net;
using Opsg.Functions.Cases;
using Opsg.Functions.Reports;
using Opsg.Functions.Storage;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>The Durable-shaped status, terminate, purge and Idempotency-Key behaviour of the management API.</summary>
public sealed class CaseStatusApiTests(CaseStatusApiTests.App fixture) : IClassFixture<CaseStatusApiTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");

    [Fact]
    public async Task GivenPendingThenRunningCase_WhenStatusIsRead_Then202WithLocationAndRetryAfter()
    {
        var caseId = await _secas.OpenCaseAsync();
        var pending = await _secas.GetAsync($"/api/cases/{caseId}");
        AssertInProgress(pending, caseId);
        // The orchestration is scheduled with the case (Pending) and waits for the submission once it runs.
        Assert.Contains((await pending.Json_())["runtimeStatus"]!.GetValue<string>(), new[] { "Pending", "Running" });
        Assert.Equal("AwaitingSubmission", (await _secas.WaitForAsync(caseId, s => s.Text("runtimeStatus") == "Running")).Text("customStatus"));

        await _app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        await _secas.WaitForAsync(caseId, s => s.Text("customStatus") == "SubmissionReceived");
        var running = await _secas.GetAsync($"/api/cases/{caseId}");
        AssertInProgress(running, caseId);
        var body = await running.Json_();
        Assert.Equal("Running", body["runtimeStatus"]!.GetValue<string>());
        Assert.Equal("ReadinessReview", body["name"]!.GetValue<string>());
        Assert.Equal(caseId, body["instanceId"]!.GetValue<string>());
        Assert.Equal(Seed002.MeetingId, body["input"]!["meetingId"]!.GetValue<string>());
        Assert.Null(body["historyEvents"]);
    }

    [Fact]
    public async Task GivenThePanelsDecisionAndFinalMinutes_WhenStatusIsRead_Then200Completed_WithOutput()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(_secas, _app.ClientAs("Tag"), caseId);
        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.PanelReport);
        await _secas.PostJson($"/api/cases/{caseId}/links", new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(7) }).ExpectAsync(HttpStatusCode.Created);
        await _app.ClientAs("Panel").PostJson($"/api/cases/{caseId}/raiseEvent/PanelDecision", Seed002Review.PanelDecision).ExpectAsync(HttpStatusCode.OK);
        AssertInProgress(await _secas.GetAsync($"/api/cases/{caseId}"), caseId); // the minutes are not final yet
        await _secas.PostJson($"/api/cases/{caseId}/raiseEvent/MinutesApproved", Seed002Review.MinutesApproval).ExpectAsync(HttpStatusCode.OK);

        // The orchestration completes once it has read the approval, a moment after the record has it.
        await _secas.WaitForAsync(caseId, s => s.Text("runtimeStatus") == "Completed");
        var completed = await _secas.GetAsync($"/api/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Null(completed.Headers.RetryAfter);
        var body = await completed.Json_();
        Assert.Equal("Completed", body["runtimeStatus"]!.GetValue<string>());
        Assert.NotNull(body["output"]!["recommendation"]);
    }

    [Fact]
    public async Task GivenARunningCase_WhenTerminated_Then200Terminated_AndTerminatingAgainIs409()
    {
        var caseId = await SubmittedCaseAsync();
        // Settled first, so the status read afterwards is the terminated case and not an activity still finishing.
        await _app.UntilSettledAsync([caseId]);
        var terminated = await _secas.PostAsync($"/api/cases/{caseId}/terminate?reason=Withdrawn%20by%20the%20DCC", null);
        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);

        // Terminating an orchestration takes effect a moment after the answer, as in Durable's own HTTP API.
        await _secas.WaitForAsync(caseId, s => s.Text("runtimeStatus") == "Terminated");
        var status = await _secas.GetAsync($"/api/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var again = await _secas.PostAsync($"/api/cases/{caseId}/terminate", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("Withdrawn by the DCC", (await _app.HistoryAsync(caseId)).Select(e => e.Event).OfType<CaseTerminated>().Single().Reason);
    }

    [Fact]
    public async Task GivenShowHistory_ThenHistoryEventsInOrder()
    {
        var caseId = await SubmittedCaseAsync();
        await _app.UntilSettledAsync([caseId]);
        var body = await (await _secas.GetAsync($"/api/cases/{caseId}?showHistory=true")).Json_();
        var events = body["historyEvents"]!.AsArray();
        Assert.Equal(["CaseOpened", "ReadinessSubmitted", "ActivityScheduled", "ReportRendered"], events.Select(e => e!["eventType"]!.GetValue<string>()));
        Assert.Equal([1L, 2, 3, 4], events.Select(e => e!["sequence"]!.GetValue<long>()));
        Assert.Equal("Dcc", events[1]!["actorRole"]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenACase_WhenPurged_ThenItsHistoryIsGone_AndItIsUnknown()
    {
        var caseId = await SubmittedCaseAsync();
        await _app.UntilSettledAsync([caseId]);

        var purged = await _secas.PurgeAsync(caseId);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (await purged.Json_())["instancesDeleted"]!.GetValue<int>());

        var stored = await _app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Empty(stored.Events);
        Assert.Null(stored.Header);
        var unknown = await _secas.GetAsync($"/api/cases/{caseId}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _secas.DeleteAsync($"/api/cases/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task GivenAnIdempotencyKey_WhenTheSameRequestIsRepeated_ThenTheSameAnswerRecordedOnce_AndAnotherBodyIs422()
    {
        var caseId = await _secas.OpenCaseAsync();
        var dcc = _app.ClientAs("Dcc");
        dcc.DefaultRequestHeaders.Add("Idempotency-Key", "dcc-submission-1");

        var first = await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        var second = await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Single(await _app.HistoryAsync(caseId), e => e.Event is ReadinessSubmitted);

        // A valid request, only not the one the key was first used with.
        var amended = System.Text.Json.JsonSerializer.SerializeToNode(Seed002.Submission, Fixtures.Http.Json)!;
        amended["cohort"]!["activeInstallations"] = 98219;
        var other = await dcc.PostJson($"/api/cases/{caseId}/submissions", amended);
        Assert.Equal((HttpStatusCode)422, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType!.MediaType);
        Assert.Single(await _app.HistoryAsync(caseId), e => e.Event is ReadinessSubmitted);
    }

    [Fact]
    public async Task GivenAnIdempotencyKey_WhenACaseIsStartedTwice_ThenOneCase()
    {
        var secas = _app.ClientAs("Secas");
        secas.DefaultRequestHeaders.Add("Idempotency-Key", "open-" + Guid.NewGuid().ToString("N"));
        var first = await secas.PostJson("/api/cases", Seed002.OpenCase);
        var second = await secas.PostJson("/api/cases", Seed002.OpenCase);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var caseId = (await first.Json_())["id"]!.GetValue<string>();
        Assert.Equal(caseId, (await second.Json_())["id"]!.GetValue<string>());
        Assert.Equal($"/api/cases/{caseId}", first.Headers.Location!.OriginalString);
        Assert.Single(await _app.HistoryAsync(caseId));
    }

    private async Task<string> SubmittedCaseAsync()
    {
        var caseId = await _secas.OpenCaseAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await _app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission)).StatusCode);
        return caseId;
    }

    private static void AssertInProgress(HttpResponseMessage response, string caseId)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/cases/{caseId}", response.Headers.Location!.OriginalString);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task GivenAnOpenedCase_ThenAzuriteHoldsTheDurableTaskHub_WithTheCaseAsAnInstanceAndItsHistory()
    {
        var caseId = await _secas.OpenCaseAsync();
        var azurite = await Azurite.Shared;

        async Task<bool> HasRowsAsync(string table)
        {
            await foreach (var _ in new TableClient(azurite.ConnectionString, table).QueryAsync<TableEntity>(e => e.PartitionKey == caseId, maxPerPage: 1))
                return true;
            return false;
        }
        // The Azure Storage provider's own tables, named after the task hub (this app's OpsgTaskHub).
        await EngineChecks.UntilAsync(async () => await HasRowsAsync(_app.Prefix + "Instances") && await HasRowsAsync(_app.Prefix + "History"), "the task hub holds the case");
    }

}
