using System.Collections.Concurrent;
using System.Diagnostics;

namespace Opsg.Functions.Benchmarks;

/// <summary>Latencies by stage, from every timeline at once.</summary>
internal sealed class Stages
{
    internal const string EveryCommand = "every command (HTTP round trip)";
    private readonly ConcurrentDictionary<string, List<double>> _times = new();
    private readonly ConcurrentQueue<string> _order = new();

    public void Add(string stage, double milliseconds)
    {
        var times = _times.GetOrAdd(stage, s => { _order.Enqueue(s); return []; });
        lock (times) times.Add(milliseconds);
    }

    public List<double> Get(string stage) => _times.TryGetValue(stage, out var times) ? times : [];

    public IEnumerable<(string Stage, List<double> Times)> All() =>
        _order.Distinct().OrderBy(s => s == EveryCommand ? 0 : s.StartsWith("case", StringComparison.Ordinal) ? 1 : 2).Select(s => (s, _times[s]));
}

/// <summary>
/// One case's or meeting's run through the load harness: its commands sent with Idempotency-Keys of its own and counted
/// when accepted, its stages timed lap by lap, its tag in the case's title so its mail can be found.
/// </summary>
internal sealed class Timeline(string tag, bool meeting, Stages stages)
{
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private double _lap;
    private int _sent;
    private (HttpMethod Method, string Url, string Key, object? Body, string IdempotencyKey)? _last;

    public string Tag => tag;
    public bool Meeting => meeting;
    public string? Id { get; private set; }
    public bool Finished { get; set; }
    public int Accepted { get; private set; }
    public int Replays { get; private set; }
    public int Retries { get; private set; }
    public int ReplaysAnswered { get; private set; }

    /// <summary>Links issued again because a resent request was answered as a replay, without the token (one more <c>LinkIssued</c> each).</summary>
    public int LinksIssuedAgain { get; set; }
    public double Elapsed => _since.Elapsed.TotalMilliseconds;
    public int PollMilliseconds => 200;
    public int WaitSeconds => 180;

    /// <summary>Records this timeline's commands went to besides <see cref="Id"/> (a meeting's previous meeting).</summary>
    public List<string> OtherIds { get; } = [];

    public void Names(string id) => Id = id;

    public void Lap(string stage)
    {
        var now = _since.Elapsed.TotalMilliseconds;
        stages.Add(stage, now - _lap);
        _lap = now;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string key, object? body, string? stage = null)
    {
        var idempotencyKey = $"{tag}-{++_sent}";
        _last = (method, url, key, body, idempotencyKey);
        var clock = Stopwatch.StartNew();
        var response = await SendUntilAnsweredAsync(http, method, url, key, body, idempotencyKey);
        Count(response, clock, stage);
        return response;
    }

    /// <summary>
    /// A 503 (storage did not answer; the outcome may be unknown) is sent again under the same key, as the answer says
    /// to: recorded once whichever way it went. The latency is the whole wait, retries included.
    /// </summary>
    private Task<HttpResponseMessage> SendUntilAnsweredAsync(HttpClient http, HttpMethod method, string url, string key, object? body, string idempotencyKey) =>
        AnsweredAsync(() => WorkflowLatencyHarness.SendAsync(http, method, url, key, body, idempotencyKey));

    /// <summary>
    /// A request built by the caller (a multipart upload, a body-less POST), sent with a key of this timeline's, and built
    /// again and sent again under that key after a 503, as a JSON command is.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient http, Func<HttpRequestMessage> build, string? stage = null)
    {
        var idempotencyKey = $"{tag}-{++_sent}";
        var clock = Stopwatch.StartNew();
        var response = await AnsweredAsync(() =>
        {
            var request = build();
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return http.SendAsync(request);
        });
        Count(response, clock, stage);
        return response;
    }

    /// <summary>A read (opening a link) asked again after a 503, as a person would; not counted as a command.</summary>
    public Task<HttpResponseMessage> ReadAsync(HttpClient http, string path) => AnsweredAsync(() => http.GetAsync(path));

    private async Task<HttpResponseMessage> AnsweredAsync(Func<Task<HttpResponseMessage>> send)
    {
        var response = await send();
        for (var retry = 0; retry < 5 && response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable; retry++)
        {
            Retries++;
            response.Dispose();
            await Task.Delay(TimeSpan.FromSeconds(1));
            response = await send();
        }
        return response;
    }

    /// <summary>The last JSON command again under its key: answered as before (Idempotent-Replayed), recorded nowhere.</summary>
    public async Task ReplayLastAsync(HttpClient http)
    {
        var (method, url, key, body, idempotencyKey) = _last ?? throw new InvalidOperationException("Nothing sent yet.");
        Replays++;
        var response = await SendUntilAnsweredAsync(http, method, url, key, body, idempotencyKey);
        using (response)
        {
            if (response.IsSuccessStatusCode && response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Contains("true")) ReplaysAnswered++;
            else ReplayAnswers.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>What each replay not answered as a replay was answered instead.</summary>
    public List<string> ReplayAnswers { get; } = [];

    private void Count(HttpResponseMessage response, Stopwatch clock, string? stage)
    {
        var ms = clock.Elapsed.TotalMilliseconds;
        stages.Add(Stages.EveryCommand, ms);
        if (stage is not null) stages.Add(stage, ms);
        if (response.IsSuccessStatusCode) Accepted++;
    }
}
