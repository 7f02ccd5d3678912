using System.Net;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>An activity that fails is retried with backoff; after five attempts the step is Failed until SECAS rewinds it.</summary>
public sealed class ActivityRetryTests : IAsyncLifetime
{
    private OpsgApp _app = null!;

    // The outbox sweep would add copies of a retrying message; here each attempt must be one delivery of one message.
    public async Task InitializeAsync() => _app = await OpsgApp.StartAsync(new Dictionary<string, string?> { ["Engine:OutboxGrace"] = "00:10:00" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task GivenARenderThatFailsTwice_ThenItIsRetriedAndCompletes_WithoutAFailedStep()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        _app.Service<FaultInjection>().FailActivities(2);
        await _app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);

        await _app.UntilSettledAsync([caseId]);
        Assert.DoesNotContain(await _app.HistoryAsync(caseId), e => e.Event is ActivityFailed);
        await _app.AssertExactlyOnceAsync(caseId);
    }

    [Fact]
    public async Task GivenARenderThatFailsFiveTimes_ThenTheStepIsFailedWithItsError_AndPoisoned_AndRewindCompletesIt()
    {
        var secas = _app.ClientAs("Secas");
        var caseId = await secas.OpenCaseAsync();
        _app.Service<FaultInjection>().FailActivities(ActivityWorker.MaxAttempts);
        await _app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);

        var failed = await secas.WaitForAsync(caseId, s => s["runtimeStatus"]!.GetValue<string>() == "Failed");
        var step = Assert.Single(failed["failedSteps"]!.AsArray())!;
        Assert.Equal("RenderReport", step["activity"]!.GetValue<string>());
        Assert.Equal("Injected activity failure.", step["error"]!.GetValue<string>());
        Assert.Equal(ActivityWorker.MaxAttempts, step["attempts"]!.GetValue<int>());
        Assert.Equal($"/api/cases/{caseId}/rewind?reason={{text}}", step["retryPostUri"]!.GetValue<string>());
        await EngineChecks.UntilAsync(async () =>
            (await _app.Service<ActivityQueue>().PeekPoisonAsync(32, default)).Any(m => m.Contains(caseId, StringComparison.Ordinal)),
            "the message is in the poison queue");

        var rewound = await secas.PostAsync($"/api/cases/{caseId}/rewind", null);
        Assert.Equal(HttpStatusCode.Accepted, rewound.StatusCode);

        var done = await secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count == 1);
        Assert.Equal("Running", done["runtimeStatus"]!.GetValue<string>());
        Assert.Empty(done["failedSteps"]!.AsArray());
        Assert.Equal(
            ["CaseOpened", "ReadinessSubmitted", "ActivityScheduled", "ActivityFailed", "ActivityRetried", "ReportRendered"],
            (await _app.HistoryAsync(caseId)).Select(e => EventCatalog.NameOf(e.Event)));
        await _app.AssertExactlyOnceAsync(caseId);

        var again = await secas.PostAsync($"/api/cases/{caseId}/rewind", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
