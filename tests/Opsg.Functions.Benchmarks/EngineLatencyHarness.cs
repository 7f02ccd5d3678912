using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Opsg.Functions.Hosting;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// End to end on a real (in-memory) Azurite and the real app over loopback HTTP, with the production
/// trigger-loop settings: how long from a command's append to its activity starting (read off the
/// engine's own "Opsg.Engine" spans), and from a command to its effects showing in GET status.
/// </summary>
public static class EngineLatencyHarness
{
    private const string SecasKey = "bench-secas-key";
    private const string DccKey = "bench-dcc-key";

    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        await using var azurite = await Azurite.StartAsync(location: null);
        var spans = new SpanRecorder();
        using var listener = spans.Listen();

        var app = BuildApp(azurite.ConnectionString);
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            await WaitHealthyAsync(http);

            for (var i = 0; i < 10; i++) await OneCaseAsync(http); // warm-up: JIT, connections, templates
            spans.Clear();

            var visible = new List<double>();
            var reportVisible = new List<double>();
            for (var i = 0; i < iterations; i++)
            {
                var (v, r) = await OneCaseAsync(http);
                visible.Add(v);
                reportVisible.Add(r);
            }

            Console.WriteLine($"engine-latency: {iterations} cases, one at a time, Azurite in memory, loopback HTTP, {Environment.ProcessorCount} cores");
            Print("append → activity start", spans.AppendToActivityStart());
            Print("command → effect in GET status", visible);
            Print("command → activity output in GET status", reportVisible);
            return 0;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static WebApplication BuildApp(string connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Storage:NamePrefix"] = "bench" + Guid.NewGuid().ToString("N")[..8],
            ["Auth:ApiKeys:Secas"] = SecasKey,
            ["Auth:ApiKeys:Dcc"] = DccKey,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOpsg(builder.Configuration);
        var app = builder.Build();
        app.UseOpsg();
        return app;
    }

    /// <summary>Opens a case, submits, and times the submission's effects as a client polling status sees them.</summary>
    private static async Task<(double Visible, double ReportVisible)> OneCaseAsync(HttpClient http)
    {
        var open = await SendAsync(http, HttpMethod.Post, "/api/cases", SecasKey, new { title = "Bench", classification = "publishable", meetingId = "OPSG_1", meetingDate = "2020-02-28" });
        var caseId = (await open.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>();

        var clock = Stopwatch.StartNew();
        var submitted = await SendAsync(http, HttpMethod.Post, $"/api/cases/{caseId}/submissions", DccKey, Submission);
        if (!submitted.IsSuccessStatusCode) throw new InvalidOperationException($"Submission answered {(int)submitted.StatusCode}.");
        double? visible = null;
        for (var polls = 0; polls < 2_000; polls++)
        {
            var status = (await (await SendAsync(http, HttpMethod.Get, $"/api/cases/{caseId}", SecasKey)).Content.ReadFromJsonAsync<JsonNode>())!;
            visible ??= status["customStatus"]!.GetValue<string>() == "SubmissionReceived" ? clock.Elapsed.TotalMilliseconds : null;
            if (status["reports"]!.AsArray().Count > 0) return (visible ?? clock.Elapsed.TotalMilliseconds, clock.Elapsed.TotalMilliseconds);
            await Task.Delay(2);
        }
        throw new TimeoutException($"Case {caseId}: the report never showed in the status.");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, string key, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", key);
        return await http.SendAsync(request);
    }

    private static async Task WaitHealthyAsync(HttpClient http)
    {
        for (var i = 0; i < 300; i++)
        {
            if ((await http.GetAsync("/api/health")).IsSuccessStatusCode) return;
            await Task.Delay(100);
        }
        throw new TimeoutException("The app never turned healthy.");
    }

    private static void Print(string what, IReadOnlyList<double> samples)
    {
        var sorted = samples.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {what,-42} n={sorted.Count,4}  p50={At(0.50),7:F1} ms  p95={At(0.95),7:F1} ms  max={sorted[^1],7:F1} ms"));
    }

    private static readonly object Submission = new
    {
        subject = new { capability = "SMETS1 MOC", deviceModelCombination = "MDS Elster", panelAsk = "update the Eligible Products Combination List" },
        cohort = new { activeInstallations = 98218, dormantInstallations = 43154 },
        opsgScope = new[] { 1, 2 },
        tagScope = new[] { 4 },
        criteria = new[] { new { lsc = 1, statement = "All components are built, tested and deployed." }, new { lsc = 2, statement = "Incident processes cover the new estate." } },
        risks = new[] { new { number = 3, title = "No end-to-end capacity test", explanation = "Small cohort.", proposal = "accept" } },
    };

    /// <summary>Listens to the engine's spans: when each append finished, and when each activity run started.</summary>
    private sealed class SpanRecorder
    {
        private readonly ConcurrentBag<(string CaseId, long First, long Last, DateTime End)> _appends = [];
        private readonly ConcurrentBag<(string CaseId, long Sequence, DateTime Start)> _runs = [];

        public ActivityListener Listen()
        {
            var listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == EngineTelemetry.SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = Record,
            };
            ActivitySource.AddActivityListener(listener);
            return listener;
        }

        public void Clear()
        {
            _appends.Clear();
            _runs.Clear();
        }

        private void Record(Activity span)
        {
            var caseId = span.GetTagItem(EngineTelemetry.CaseIdTag) as string ?? "";
            if (span.OperationName == EngineTelemetry.AppendSpan && span.GetTagItem(EngineTelemetry.OutcomeTag) as string == "Appended")
                _appends.Add((caseId, (long)span.GetTagItem(EngineTelemetry.FirstSequenceTag)!, (long)span.GetTagItem(EngineTelemetry.LastSequenceTag)!, span.StartTimeUtc + span.Duration));
            else if (span.OperationName == EngineTelemetry.ActivitySpan && span.GetTagItem(EngineTelemetry.OutcomeTag) as string == "completed")
                _runs.Add((caseId, (long)span.GetTagItem(EngineTelemetry.SequenceTag)!, span.StartTimeUtc));
        }

        /// <summary>For each activity that ran: from the end of the append that recorded it being scheduled to the run's start.</summary>
        public IReadOnlyList<double> AppendToActivityStart() =>
            _runs.Select(run => _appends
                    .Where(a => a.CaseId == run.CaseId && a.First <= run.Sequence && run.Sequence <= a.Last)
                    .Select(a => (run.Start - a.End).TotalMilliseconds)
                    .FirstOrDefault(double.NaN))
                .Where(ms => !double.IsNaN(ms))
                .ToList();
    }
}
