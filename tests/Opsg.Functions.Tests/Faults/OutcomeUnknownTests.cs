using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Opsg.Functions.Review;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;
using Xunit.Abstractions;

namespace Opsg.Functions.Tests.Faults;

/// <summary>
/// Commands in flight when Azurite freezes (SIGSTOP), under the local host as a process of its own: a 503 may say
/// nothing was recorded only when that is so; any other 503 says the outcome is unknown and names the key under
/// which the change was sent, and the client that sends the request again with that key gets it recorded once.
/// Every answer comes within the time budgets, the orchestration's notify call included.
/// </summary>
public sealed class OutcomeUnknownTests(ITestOutputHelper output)
{
    private const int Cases = 3;
    private const int Commands = 30;
    // When to freeze after the 30 are sent, one round each until a round catches appends on their way.
    private static readonly int[] FreezeAfterMs = [500, 300, 800, 150, 1200];
    private static readonly TimeSpan Freeze = TimeSpan.FromSeconds(6);

    private sealed record Sent(string CaseId, string Text, HttpStatusCode Status, JsonObject? Problem, string? Key, TimeSpan Took);

    [Fact]
    public async Task GivenCommandsInFlight_WhenAzuriteFreezes_ThenEvery503TellsTheTruth_AndARetryWithTheNamedKeyRecordsOnce()
    {
        await using var azurite = await Azurite.StartOnDiskAsync();
        var prefix = "u" + Guid.NewGuid().ToString("N")[..12];
        await using var host = await LocalHostProcess.StartAsync(azurite.ConnectionString, prefix);
        var secas = host.As("Secas");
        var dcc = host.As("Dcc");
        var caseIds = new List<string>();
        for (var i = 0; i < Cases; i++)
        {
            var caseId = await secas.OpenCaseAsync(Seed002.OpenCaseAt(ReviewRecording.MeetingOfItsOwn()));
            await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Accepted);
            await secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview).ExpectAsync(HttpStatusCode.OK);
            await secas.PutJson($"/api/cases/{caseId}/meeting", Seed002Review.Meeting).ExpectAsync(HttpStatusCode.OK);
            caseIds.Add(caseId);
        }

        // Once without a fault, so the freeze below meets requests at their ordinary pace (a note takes 0.5–4 s here,
        // 30 at once), and every readiness pack is rendered so nothing else is in flight.
        await Task.WhenAll(Enumerable.Range(0, Commands).Select(i => secas.PostJson($"/api/cases/{caseIds[i % Cases]}/notes", Note($"Warm-up note {i}."))));
        await using var storage = StorageOnly.For(azurite.ConnectionString, prefix);
        await storage.UntilSettledAsync(caseIds, seconds: 60);

        var all = new List<Sent>();
        for (var round = 0; round < FreezeAfterMs.Length && !all.Any(s => Outcome(s) == "unknown"); round++)
        {
            // 30 notes at once over the three cases, and storage frozen while they are being written.
            var answers = new ConcurrentBag<Sent>();
            var sending = Enumerable.Range(0, Commands).Select(async i =>
            {
                var caseId = caseIds[i % Cases];
                var text = $"Round {round} note {i}.";
                var watch = Stopwatch.StartNew();
                var response = await secas.PostJson($"/api/cases/{caseId}/notes", Note(text));
                watch.Stop();
                var problem = response.IsSuccessStatusCode ? null : (await response.Json_()).AsObject();
                var key = response.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null;
                answers.Add(new Sent(caseId, text, response.StatusCode, problem, key, watch.Elapsed));
            }).ToList();
            await Task.Delay(FreezeAfterMs[round]);
            await azurite.FreezeAsync();
            await Task.Delay(Freeze);
            await azurite.ThawAsync();
            await Task.WhenAll(sending);
            all.AddRange(answers);
            output.WriteLine($"round {round}: " + string.Join(", ", answers.GroupBy(a => $"{(int)a.Status} {Outcome(a)}").Select(g => $"{g.Count()} × {g.Key}")));
            output.WriteLine(string.Join(" ", answers.OrderBy(a => a.Took).Select(a => $"{(int)a.Status}:{a.Took.TotalMilliseconds:0}")));
        }
        await host.WaitHealthyAsync();

        // Every answer came long before the 11 s a frozen store held the notify call: a storage call gets 4 s, and the
        // notify call after an append 2 s (not a speed test; docs/PERFORMANCE.md has the figures).
        foreach (var slow in all.Where(a => a.Took > TimeSpan.FromSeconds(10)))
            Assert.Fail($"A note on {slow.CaseId} was answered {(int)slow.Status} after {slow.Took.TotalSeconds:0.0} s.");

        // The client does what each unknown outcome says: the same request again with the key the answer names.
        var retried = new List<Sent>();
        foreach (var unknown in all.Where(a => Outcome(a) == "unknown"))
        {
            Assert.NotNull(unknown.Key);
            Assert.Equal(unknown.Key, unknown.Problem!["idempotencyKey"]!.GetValue<string>());
            Assert.Contains(unknown.Key!, unknown.Problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            var again = await SendAgainAsync(secas, unknown);
            Assert.True(again.IsSuccessStatusCode, $"{(int)again.StatusCode}: {await again.Content.ReadAsStringAsync()}");
            retried.Add(unknown);
        }
        output.WriteLine($"{retried.Count} unknown outcomes retried with their key.");

        var notes = new List<string>();
        foreach (var caseId in caseIds)
            notes.AddRange((await storage.HistoryAsync(caseId)).Select(e => e.Event).OfType<PostMeetingNoteAdded>().Select(n => n.Text));
        foreach (var sent in all)
        {
            var times = notes.Count(n => n == sent.Text);
            var says = $"{(int)sent.Status} {Outcome(sent)}: {sent.Problem?["detail"]}";
            if (sent.Status is HttpStatusCode.OK or HttpStatusCode.Created || retried.Contains(sent))
                Assert.True(times == 1, $"'{sent.Text}' is recorded {times} times; it was answered {says}");
            else if (Outcome(sent) == "notRecorded" || sent.Status == HttpStatusCode.Conflict)
                Assert.True(times == 0, $"'{sent.Text}' is recorded {times} times although the answer was {says}");
            else
                Assert.Fail($"'{sent.Text}' was answered {says}");
        }
        await storage.UntilSettledAsync(caseIds, seconds: 60);
        foreach (var caseId in caseIds) await storage.AssertExactlyOnceAsync(caseId);
    }

    private static object Note(string text) => new { effect = "clarification", on = "2020-03-01", text };

    private static Task<HttpResponseMessage> SendAgainAsync(HttpClient client, Sent sent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{sent.CaseId}/notes")
        {
            Content = System.Net.Http.Json.JsonContent.Create(Note(sent.Text), options: Fixtures.Http.Json),
        };
        request.Headers.Add("Idempotency-Key", sent.Key);
        return client.SendAsync(request);
    }

    /// <summary>What a 503 says of the outcome (its "outcome" member); null for any other answer.</summary>
    private static string? Outcome(Sent sent) =>
        sent.Status == HttpStatusCode.ServiceUnavailable ? sent.Problem?["outcome"]?.GetValue<string>() ?? "(none)" : null;
}
