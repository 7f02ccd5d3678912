using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>Storage restarts in the middle of a run: whatever got a 2xx is still there, and the engine finishes the work.</summary>
public sealed class AzuriteRestartTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async Task InitializeAsync() => _azurite = await Azurite.StartOnDiskAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task GivenCommandsInFlight_WhenAzuriteRestarts_ThenEveryAcknowledgedCommandIsStillRecorded()
    {
        // Retries that outlast a restart on a loaded machine (the five quick ones of the test default may not): a step
        // that does spend them is failed and waits for a rewind, which ActivityRetryTests covers; this test is about
        // the engine picking up on its own.
        await using var app = new OpsgApp(_azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Workflow:StepAttempts"] = "10",
            ["Workflow:FirstRetryInterval"] = "00:00:00.500",
        });
        var secas = app.ClientAs("Secas");
        var dcc = app.ClientAs("Dcc");
        await secas.WaitForHealthyAsync();

        var opened = new ConcurrentBag<string>();
        var submitted = new ConcurrentBag<(string CaseId, long Version)>();
        var restarted = 0;
        async Task DriveAsync()
        {
            // Bounded: keeps going until a few cases went through after the restart.
            for (var i = 0; i < 200 && (Volatile.Read(ref restarted) == 0 || opened.Count < 12); i++)
            {
                try
                {
                    var open = await secas.PostJson("/api/cases", Seed002.OpenCase);
                    if (open.StatusCode != HttpStatusCode.Accepted) { await Task.Delay(50); continue; }
                    var caseId = (await open.Json_())["id"]!.GetValue<string>();
                    opened.Add(caseId);
                    var submit = await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
                    if (submit.StatusCode == HttpStatusCode.Accepted)
                        submitted.Add((caseId, long.Parse(submit.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture)));
                }
                catch (HttpRequestException) { await Task.Delay(50); }
            }
        }

        var drivers = Task.WhenAll(DriveAsync(), DriveAsync());
        await EngineChecks.UntilAsync(() => Task.FromResult(opened.Count >= 4), "a few cases before the restart");
        await _azurite.RestartAsync();
        Volatile.Write(ref restarted, 1);
        await drivers;
        await secas.WaitForHealthyAsync();

        Assert.NotEmpty(submitted);
        foreach (var caseId in opened)
        {
            var status = await secas.GetAsync($"/api/cases/{caseId}");
            Assert.True(status.IsSuccessStatusCode, $"Opened case {caseId} answered {(int)status.StatusCode} after the restart.");
        }
        foreach (var (caseId, version) in submitted)
        {
            var history = await app.HistoryAsync(caseId);
            Assert.IsType<ReadinessSubmitted>(history[(int)version - 2].Event);
        }
        // And the engine picks up whatever the restart interrupted: every acknowledged submission gets its report.
        var withSubmission = submitted.Select(s => s.CaseId).Distinct().ToList();
        // A restart can leave messages taken and not finished: they come back after the visibility timeout (15 s here).
        await app.UntilSettledAsync(withSubmission, seconds: 120);
        foreach (var caseId in withSubmission) await app.AssertExactlyOnceAsync(caseId);
    }
}
