using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>How far seed 002's review has gone in a case; PanelReportIssued: decided, and the Panel report v1 rendered.</summary>
public enum Stage { Opened, Submitted, ReviewOpened, MeetingHeld, ActionsRaised, Decided, PanelReportIssued }

/// <summary>
/// One app per test class (an xunit class fixture) with clients per role, and seed 002 cases brought
/// to a stage. <see cref="SharedAsync"/> hands out one case per stage for tests that only send
/// requests that must be refused, so it is built once; <see cref="NewAsync"/> builds a fresh one.
/// Action numbers belong to the meeting, across its cases, so each case here is reviewed at a meeting
/// of its own ("OPSG_29xxx_…"): its actions are /01–/03 as in seed 002, whatever else the app holds.
/// <see cref="ForCase"/> puts a seed 002 body that names actions into that case's IDs.
/// </summary>
public sealed class ReviewCases : IAsyncLifetime
{
    private const string SeedActionPrefix = "OPSG 29xxx/";
    private readonly ConcurrentDictionary<Stage, Lazy<Task<string>>> _shared = new();
    private readonly ConcurrentDictionary<string, string> _meetings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _named = new(StringComparer.Ordinal);

    public OpsgApp App { get; private set; } = null!;
    public HttpClient Secas { get; private set; } = null!;
    public HttpClient Dcc { get; private set; } = null!;
    public HttpClient Tag { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await OpsgApp.StartAsync();
        Secas = App.ClientAs("Secas");
        Dcc = App.ClientAs("Dcc");
        Tag = App.ClientAs("Tag");
        await Secas.WaitForHealthyAsync();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public HttpClient As(string role) => role switch
    {
        "Secas" => Secas,
        "Dcc" => Dcc,
        "Tag" => Tag,
        _ => App.ClientAs(role),
    };

    /// <summary>A case at the stage that no test may change: every request sent to it must be refused.</summary>
    public Task<string> SharedAsync(Stage stage) => _shared.GetOrAdd(stage, s => new Lazy<Task<string>>(() => NewAsync(s))).Value;

    /// <summary>Something built once under a name (a case with two report versions, a revoked link), for refusals that need more than a stage.</summary>
    public async Task<T> SharedAsync<T>(string name, Func<Task<T>> build) where T : notnull =>
        (T)await _named.GetOrAdd(name, _ => new Lazy<Task<object>>(async () => await build())).Value;

    public async Task<string> NewAsync(Stage stage)
    {
        var meetingId = ReviewRecording.MeetingOfItsOwn();
        var id = await Secas.OpenCaseAsync(Seed002.OpenCaseAt(meetingId));
        _meetings[id] = meetingId;
        if (stage == Stage.Opened) return id;
        await Dcc.PostJson($"/api/cases/{id}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Accepted);
        // The readiness pack is rendered by an activity; wait for it so the history stays still afterwards.
        await Secas.WaitForAsync(id, s => s["reports"]!.AsArray().Count > 0);
        if (stage == Stage.Submitted) return id;
        await Secas.PostJson($"/api/cases/{id}/review", Seed002Review.OpenReview).ExpectAsync(HttpStatusCode.OK);
        if (stage == Stage.ReviewOpened) return id;
        await Secas.PutJson($"/api/cases/{id}/meeting", Seed002Review.Meeting).ExpectAsync(HttpStatusCode.OK);
        if (stage == Stage.MeetingHeld) return id;
        foreach (var risk in Seed002Review.AddedRisks)
            await Secas.PostJson($"/api/cases/{id}/risks", risk).ExpectAsync(HttpStatusCode.OK);
        foreach (var action in Seed002Review.Actions)
            await Secas.PostJson($"/api/cases/{id}/actions", action).ExpectAsync(HttpStatusCode.Created);
        if (stage == Stage.ActionsRaised) return id;
        await Secas.PostJson($"/api/cases/{id}/decisions", ForCase(id, Seed002Review.Decisions)).ExpectAsync(HttpStatusCode.OK);
        if (stage == Stage.Decided) return id;
        await ReviewRecording.RequestAndWaitAsync(Secas, id, "panel-report");
        return id;
    }

    /// <summary>A seed 002 body with the action IDs it names ("OPSG 29xxx/02") as the case built here numbers them.</summary>
    public JsonNode ForCase(string caseId, object body) =>
        JsonNode.Parse(RawRequests.Tree(body).ToJsonString().Replace(SeedActionPrefix, _meetings[caseId].Replace('_', ' ') + "/", StringComparison.Ordinal))!;

    public Task<HistorySnapshot> SnapshotAsync(string caseId) => HistorySnapshot.TakeAsync(App, caseId);

    /// <summary>How many cases this app's storage holds (for requests that would open one).</summary>
    public async Task<int> CaseCountAsync() =>
        (await App.Service<HistoryTable>().ListAsync(new CaseQuery(null, null, [], null, 1000, null), default)).Cases.Count;

    /// <summary>
    /// Sends the request to a case and asserts it is refused with a problem of that status (naming
    /// <paramref name="fields"/> for a 400) and that neither the case's history nor the links table changed.
    /// </summary>
    public async Task<JsonObject> RefusedAsync(string caseId, Func<Task<HttpResponseMessage>> send, HttpStatusCode status, params string[] fields)
    {
        var before = await SnapshotAsync(caseId);
        var links = await LinkRows.ReadAsync(App);
        var problem = await (await send()).ProblemAsync(status, fields);
        await before.AssertUnchangedAsync();
        Assert.Equal(links, await LinkRows.ReadAsync(App));
        return problem;
    }
}

/// <summary>Raw requests: bodies exactly as given, headers as given.</summary>
public static class RawRequests
{
    public static Task<HttpResponseMessage> SendRaw(this HttpClient client, HttpMethod method, string url, byte[] body, string? contentType, IDictionary<string, string>? headers = null)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var request = new HttpRequestMessage(method, url) { Content = content };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendRaw(this HttpClient client, HttpMethod method, string url, string body, string? contentType = "application/json", IDictionary<string, string>? headers = null) =>
        client.SendRaw(method, url, Encoding.UTF8.GetBytes(body), contentType, headers);

    public static Task<HttpResponseMessage> SendJson(this HttpClient client, HttpMethod method, string url, JsonNode body, IDictionary<string, string>? headers = null) =>
        client.SendRaw(method, url, body.ToJsonString(), "application/json", headers);

    /// <summary>A request body object as a mutable JSON tree.</summary>
    public static JsonNode Tree(object body) => JsonSerializer.SerializeToNode(body, Http.Json)!;
}
