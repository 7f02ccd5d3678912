using System.Globalization;
using System.Net;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Steps;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>
/// A step that fails is retried by Durable's retry policy; once its attempts are spent the orchestration is Failed,
/// the record names the step and its error, and SECAS's rewind starts the orchestration again from the record.
/// The tests share one app, and its injected failures go to whichever step runs next: each test injects them only
/// once its own case is open, and leaves no step of its case running when it ends.
/// </summary>
public sealed class ActivityRetryTests(ActivityRetryTests.App fixture) : IClassFixture<ActivityRetryTests.App>
{
    public sealed class App : OpsgAppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Workflow:StepAttempts"] = Attempts.ToString(CultureInfo.InvariantCulture) };
    }

    private readonly OpsgApp _app = fixture.App;

    private const int Attempts = 3;

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
    public async Task GivenARenderThatFailsOnEveryAttempt_ThenTheCaseIsFailedWithTheStepAndItsError_AndRewindCompletesIt()
    {
        var secas = _app.ClientAs("Secas");
        var caseId = await secas.OpenCaseAsync();
        _app.Service<FaultInjection>().FailActivities(Attempts);
        await _app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);

        var failed = await secas.WaitForAsync(caseId, s => s["runtimeStatus"]!.GetValue<string>() == "Failed");
        var step = Assert.Single(failed["failedSteps"]!.AsArray())!;
        Assert.Equal("RenderReport", step["activity"]!.GetValue<string>());
        // A category and a reference, never the exception's own text (which stays in the logs).
        Assert.StartsWith("A failure injected for testing (ref ", step["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("Injected activity failure.", failed.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(Attempts, step["attempts"]!.GetValue<int>());
        Assert.Equal($"/api/cases/{caseId}/rewind?reason={{text}}", step["retryPostUri"]!.GetValue<string>());
        Assert.Equal(step["error"]!.GetValue<string>(), failed["orchestrationFailure"]!.GetValue<string>());

        var rewound = await secas.PostAsync($"/api/cases/{caseId}/rewind", null);
        Assert.Equal(HttpStatusCode.Accepted, rewound.StatusCode);

        var done = await secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count == 1);
        Assert.Equal("Running", done["runtimeStatus"]!.GetValue<string>());
        Assert.Empty(done["failedSteps"]!.AsArray());
        Assert.Equal(
            ["CaseOpened", "ReadinessSubmitted", "ActivityScheduled", "ActivityFailed", "ActivityRetried", "ReportRendered"],
            (await _app.HistoryAsync(caseId)).Select(e => CaseRecord.Events.NameOf(e.Event)));
        await _app.AssertExactlyOnceAsync(caseId);

        var again = await secas.PostAsync($"/api/cases/{caseId}/rewind", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
