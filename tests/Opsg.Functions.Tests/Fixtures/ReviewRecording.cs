using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Cases;
using Opsg.Functions.Review;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Brings a case through seed 002's meeting. Opening and submission go through HTTP; the review
/// endpoints (meeting, decisions, actions, notes, TAG view) are being written elsewhere, so until they
/// exist the review events go in through the real CaseStore on real storage — the same path those
/// endpoints will take after validation. This class is the one place to switch to HTTP later.
/// </summary>
public static class ReviewRecording
{
    public static async Task<string> OpenAndSubmitAsync(HttpClient secas, HttpClient dcc)
    {
        var caseId = await secas.OpenCaseAsync();
        var submitted = await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        // Let the readiness pack's activity finish: a client command racing the engine's append gets 409.
        await secas.WaitForAsync(caseId, s => HasReport(s, "readiness-pack", 1));
        return caseId;
    }

    /// <summary>Attendance, risk and LSC decisions, SECAS's risks, the actions; then the TAG's view.</summary>
    public static async Task RecordMeetingAsync(IServiceProvider services, string caseId)
    {
        await AppendAsync(services, caseId, new Actor(Role.Secas, "secas"), Seed002History.Meeting());
        await AppendAsync(services, caseId, new Actor(Role.Tag, "tag"), [Seed002History.TagView()]);
    }

    public static Task AddNoteAsync(IServiceProvider services, string caseId, PostMeetingNoteAdded note) =>
        AppendAsync(services, caseId, new Actor(Role.Secas, "secas"), [note]);

    private static async Task AppendAsync(IServiceProvider services, string caseId, Actor actor, IReadOnlyList<CaseEvent> events)
    {
        var result = await services.GetRequiredService<CaseStore>().ExecuteAsync(
            caseId,
            new CommandContext(actor, DateTimeOffset.UtcNow),
            state => state.Exists ? Decision.Accept(events) : Rejection.NotFound(caseId),
            _ => new CommandResponse(200, null, "{}"),
            CancellationToken.None,
            conflictRetries: 10); // the readiness pack's activity may be completing at the same moment
        Assert.Null(result.Rejection);
    }

    /// <summary>SECAS asks for documents and waits until each has the expected version rendered.</summary>
    public static async Task<JsonNode> RequestAndWaitAsync(HttpClient secas, string caseId, params string[] kinds)
    {
        var response = await secas.PostJson($"/api/cases/{caseId}/reports", new { kinds });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var scheduled = (await response.Json_())["scheduled"]!.AsArray()
            .Select(s => (Kind: s!["kind"]!.GetValue<string>(), Version: s["version"]!.GetValue<int>())).ToList();
        return await secas.WaitForAsync(caseId, status => scheduled.All(s => HasReport(status, s.Kind, s.Version)));
    }

    public static bool HasReport(JsonNode status, string kind, int version) =>
        status["reports"]!.AsArray().Any(r => r!["kind"]!.GetValue<string>() == kind && r["version"]!.GetValue<int>() == version);
}
