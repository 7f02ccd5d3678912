using System.Net;
using System.Text.Json;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>The Functions host's side of the contract: POST /{FunctionName} with {Data, Metadata}.</summary>
public sealed class CustomHandlerInvocationTests
{
    [Fact]
    public async Task GivenAScheduledRender_WhenTheHostInvokesActivityWorker_ThenTheReportIsWrittenAndTheAnswerIsHostShaped()
    {
        // No local loop: only the host-shaped invocation can run the activity.
        await using var app = await OpsgApp.StartAsync(new Dictionary<string, string?> { ["TriggerLoop:Enabled"] = "false" });
        await app.Service<StorageAccount>().EnsureCreatedAsync(default);
        var secas = app.ClientAs("Secas");
        var caseId = await secas.OpenCaseAsync();
        await app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        var history = await app.Service<HistoryTable>().ReadAsync(caseId, default);
        var scheduled = history.Events.Single(e => e.Type == "ActivityScheduled").Sequence;

        var message = JsonSerializer.Serialize(new { caseId, sequence = scheduled });
        var invocation = new { Data = new { message }, Metadata = new { DequeueCount = 1, Id = "m1" } };
        var response = await app.ClientAs(null).PostJson("/ActivityWorker", invocation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Json_();
        Assert.NotNull(body["outputs"] ?? body["Outputs"]);
        Assert.NotNull(body["logs"] ?? body["Logs"]);
        var after = await app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal("ReportRendered", after.Events[^1].Type);
        Assert.True(await app.Service<BlobStore>().ExistsAsync(BlobArea.Reports, $"{caseId}/readiness-pack/v1.html", default));
    }

    [Fact]
    public async Task WhenTheHostInvokesTimerSweep_ThenItAnswersHostShaped()
    {
        await using var app = await OpsgApp.StartAsync(new Dictionary<string, string?> { ["TriggerLoop:Enabled"] = "false" });
        await app.Service<StorageAccount>().EnsureCreatedAsync(default);
        var response = await app.ClientAs(null).PostJson("/TimerSweep", new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Json_();
        Assert.Contains("Timers fired", (body["logs"] ?? body["Logs"])![0]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
