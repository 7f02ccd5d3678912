using System.Net;
using System.Text.Json.Nodes;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Brings a case through seed 002's meeting over the public HTTP API, as SECAS, the DCC and the TAG would. Action
/// numbers belong to the meeting, across every case it reviews, so a case opened here is reviewed at a meeting of its
/// own ("OPSG_29xxx_…") unless a test names one: its actions are /01–/03 as in seed 002, whatever else its app holds.
/// </summary>
public static class ReviewRecording
{
    public static async Task<string> OpenAndSubmitAsync(HttpClient secas, HttpClient dcc, string? meetingId = null)
    {
        var caseId = await secas.OpenCaseAsync(Seed002.OpenCaseAt(meetingId ?? MeetingOfItsOwn()));
        var submitted = await dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        // Tests that follow read the readiness pack, so it must exist before they go on.
        await secas.WaitForAsync(caseId, s => HasReport(s, "readiness-pack", 1));
        return caseId;
    }

    /// <summary>The TAG's view; the review opened; attendance, SECAS's risks, the actions, then the LSC and risk decisions.</summary>
    public static async Task RecordMeetingAsync(HttpClient secas, HttpClient tag, string caseId)
    {
        await tag.PostJson($"/api/cases/{caseId}/raiseEvent/TagView", Seed002Review.TagView).ExpectAsync(HttpStatusCode.OK);
        await secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview).ExpectAsync(HttpStatusCode.OK);
        await secas.PutJson($"/api/cases/{caseId}/meeting", Seed002Review.Meeting).ExpectAsync(HttpStatusCode.OK);
        foreach (var risk in Seed002Review.AddedRisks)
            await secas.PostJson($"/api/cases/{caseId}/risks", risk).ExpectAsync(HttpStatusCode.OK);
        var actionIds = new List<string>();
        foreach (var action in Seed002Review.Actions)
            actionIds.Add((await secas.PostJson($"/api/cases/{caseId}/actions", action).ExpectAsync(HttpStatusCode.Created)).Text("id"));
        await secas.PostJson($"/api/cases/{caseId}/decisions", NamingActions(Seed002Review.Decisions, actionIds)).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>Seed 002's meeting ID with a suffix of its own, as short as meeting IDs are.</summary>
    public static string MeetingOfItsOwn() => $"{Seed002.MeetingId}_{Guid.NewGuid():N}"[..19];

    /// <summary>A seed 002 body with the action IDs it names ("OPSG 29xxx/02") as the case numbered its actions, in the seed's order.</summary>
    private static JsonNode NamingActions(object body, IReadOnlyList<string> actionIds)
    {
        var json = RawRequests.Tree(body).ToJsonString();
        for (var i = 0; i < actionIds.Count; i++)
            json = json.Replace($"\"{Seed002Review.ActionIds[i]}\"", $"\"{actionIds[i]}\"", StringComparison.Ordinal);
        return JsonNode.Parse(json)!;
    }

    /// <summary>Seed 002's post-meeting note that discharges the condition on LSC 2.</summary>
    public static object Lsc2Discharged => Seed002Review.PostMeetingNotes[1];

    public static Task AddNoteAsync(HttpClient secas, string caseId, object note) =>
        secas.PostJson($"/api/cases/{caseId}/notes", note).ExpectAsync(HttpStatusCode.OK);

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
