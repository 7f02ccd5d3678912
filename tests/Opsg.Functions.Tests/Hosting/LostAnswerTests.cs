using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>
/// An append that storage may or may not have written when the app stops waiting for it (its answer lost, or the
/// request written late): the answer is a 503 that says the outcome is unknown, never "nothing was recorded", and
/// names the Idempotency-Key it was sent under; sending the request again with that key records it exactly once,
/// whichever way it went. Without a key of the client's own, the app makes one up for the request.
/// </summary>
public sealed class LostAnswerTests : IAsyncLifetime
{
    private Azurite _azurite = null!;
    private TableProxy _proxy = null!;
    private OpsgApp _app = null!;
    private HttpClient _secas = null!;
    private string _caseId = null!;

    public async Task InitializeAsync()
    {
        _azurite = await Azurite.StartAsync(location: null);
        (_proxy, var connectionString) = await TableProxy.StartAsync(_azurite);
        _app = await OpsgApp.StartOnAsync(connectionString, OpsgApp.ProductionStorageBudget);
        _secas = _app.ClientAs("Secas");
        _caseId = await _secas.OpenCaseAsync(Seed002.OpenCaseAt(ReviewRecording.MeetingOfItsOwn()));
        await _app.ClientAs("Dcc").PostJson($"/api/cases/{_caseId}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Accepted);
        await _secas.PostJson($"/api/cases/{_caseId}/review", Seed002Review.OpenReview).ExpectAsync(HttpStatusCode.OK);
        await _secas.PutJson($"/api/cases/{_caseId}/meeting", Seed002Review.Meeting).ExpectAsync(HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _proxy.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    public static TheoryData<TableProxy.Fault, bool> Faults() => new()
    {
        { TableProxy.Fault.AnswerLost, false },
        { TableProxy.Fault.AnswerLost, true },
        { TableProxy.Fault.WrittenLate, false },
        { TableProxy.Fault.WrittenLate, true },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task GivenAnAppendWhoseOutcomeIsUnknown_ThenA503SaysSo_AndTheSameRequestWithTheNamedKeyIsRecordedOnce(TableProxy.Fault fault, bool clientKey)
    {
        var text = $"Marker{Guid.NewGuid():N}";
        var sentKey = clientKey ? "client-" + Guid.NewGuid().ToString("N") : null;
        _proxy.Losing = (fault, text);
        var first = await SendNoteAsync(text, sentKey);
        var problem = await first.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        _proxy.Losing = (TableProxy.Fault.None, "");

        Assert.True(_proxy.Caught > 0, "the proxy never saw the append");
        Assert.Equal("unknown", problem["outcome"]!.GetValue<string>());
        Assert.DoesNotContain("Nothing was recorded", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(first.Headers.RetryAfter);
        var key = first.Headers.GetValues("Idempotency-Key").Single();
        if (sentKey is not null) Assert.Equal(sentKey, key);
        Assert.Equal(key, problem["idempotencyKey"]!.GetValue<string>());
        Assert.Contains(key, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        // Storage has answered the lost try by now (a slow machine may still be forwarding it when the app gives up).
        // Usually it wrote it; a busy Azurite may have refused it instead, and then nothing was recorded after all.
        if (fault == TableProxy.Fault.AnswerLost) await EngineChecks.UntilAsync(() => Task.FromResult(_proxy.AnsweredButLost > 0), "storage answered the lost try");
        var written = (await _app.HistoryAsync(_caseId)).Any(e => e.Event is PostMeetingNoteAdded note && note.Text == text);
        Assert.False(fault == TableProxy.Fault.WrittenLate && written, "a request held in the network was written before its release");

        // What the answer says to do: the same request with that key. Written already: its answer again; not written: now.
        var again = await SendNoteAsync(text, key);
        Assert.True(again.IsSuccessStatusCode, $"{(int)again.StatusCode}: {await again.Content.ReadAsStringAsync()}");
        Assert.True(again.Headers.Contains("Idempotent-Replayed") == written,
            $"{fault}, written first: {written}: {(int)again.StatusCode} {again.Headers} {await again.Content.ReadAsStringAsync()}; caught {_proxy.Caught}; " +
            string.Join(", ", (await _app.HistoryAsync(_caseId)).Select(e => e.Event.GetType().Name)));

        // The late copy reaches storage after the retry was recorded: it can no longer be written.
        await _proxy.ReleaseAsync();
        Assert.Single(await _app.HistoryAsync(_caseId), e => e.Event is PostMeetingNoteAdded note && note.Text == text);
        // And once more for luck: a third send with the key is a replay, still one note.
        var third = await SendNoteAsync(text, key);
        Assert.True(third.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(await _app.HistoryAsync(_caseId), e => e.Event is PostMeetingNoteAdded note && note.Text == text);
    }

    [Fact]
    public async Task GivenAnAppendWhoseFirstAnswerIsLost_WhenTheSdkRetryFindsItsOwnWrite_ThenItIsAnsweredAsRecorded()
    {
        // The first try is written and its answer lost; the SDK's own retry (after its 3 s network timeout) then finds
        // the rows already there. That is this request's own write, not a copy's: answered as recorded, once.
        var text = $"Marker{Guid.NewGuid():N}";
        _proxy.Losing = (TableProxy.Fault.AnswerLost, text);
        var sending = SendNoteAsync(text, null);
        await EngineChecks.UntilAsync(() => Task.FromResult(_proxy.Caught > 0), "the append reached the proxy");
        _proxy.Losing = (TableProxy.Fault.None, "");
        var answer = await sending;
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        Assert.False(answer.Headers.Contains("Idempotent-Replayed"));
        Assert.Single(await _app.HistoryAsync(_caseId), e => e.Event is PostMeetingNoteAdded note && note.Text == text);
    }

    private Task<HttpResponseMessage> SendNoteAsync(string text, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{_caseId}/notes")
        {
            Content = new StringContent(new JsonObject { ["effect"] = "clarification", ["on"] = "2020-03-01", ["text"] = text }.ToJsonString(),
                System.Text.Encoding.UTF8, "application/json"),
        };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return _secas.SendAsync(request);
    }
}
