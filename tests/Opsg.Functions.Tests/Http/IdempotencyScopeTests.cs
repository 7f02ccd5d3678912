using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>
/// An Idempotency-Key answers only the same caller sending the same method, path, query and body; anything else is 422,
/// on the record it was first used on or any other.
/// </summary>
public sealed class IdempotencyScopeTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private static Dictionary<string, string> Key(string prefix) => new() { ["Idempotency-Key"] = prefix + Guid.NewGuid().ToString("N") };

    [Fact]
    public async Task GivenAKeyUsedForOneQuery_WhenSentWithAnotherQuery_ThenUnprocessableAndNothingRecorded()
    {
        var caseId = await cases.NewAsync(Stage.Opened);
        var key = Key("terminate-");
        await cases.Secas.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/terminate?reason=first", "", null, key).ExpectAsync(HttpStatusCode.Accepted);

        await cases.RefusedAsync(caseId, () => cases.Secas.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/terminate?reason=second", "", null, key),
            HttpStatusCode.UnprocessableEntity);
    }

    /// <summary>A key is its caller's own: another caller using the same one neither gets the first caller's answer nor is blocked by it.</summary>
    [Fact]
    public async Task GivenSecasKey_WhenTheDccSendsTheSameRequestWithIt_ThenItIsTheDccsOwnKey_AndTheDccsNoteIsRecorded()
    {
        var caseId = await cases.NewAsync(Stage.ActionsRaised);
        var key = Key("progress-");
        var body = RawRequests.Tree(new { on = "2020-03-02", text = "Pacing strategy draft shared." });
        await cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/actions/1/progress", body, key).ExpectAsync(HttpStatusCode.OK);
        var before = await cases.SnapshotAsync(caseId);

        var dcc = await cases.Dcc.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/actions/1/progress", body, key);
        Assert.Equal(HttpStatusCode.OK, dcc.StatusCode);
        Assert.False(dcc.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(["ActionProgressNoted"], await before.AddedTypesAsync());
    }

    [Fact]
    public async Task GivenAKeyUsedOnOneCase_WhenTheSameRequestIsSentToAnotherCaseWithIt_ThenUnprocessableAndNothingRecordedThere()
    {
        var first = await cases.NewAsync(Stage.MeetingHeld);
        var second = await cases.NewAsync(Stage.MeetingHeld);
        var key = Key("action-");
        var body = RawRequests.Tree(new { text = "Share the pacing strategy.", owner = "DCC" });
        await cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{first}/actions", body, key).ExpectAsync(HttpStatusCode.Created);

        await cases.RefusedAsync(second, () => cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{second}/actions", body, key),
            HttpStatusCode.UnprocessableEntity);

        // The key still answers the request it was first used for, on its own case.
        var replay = await cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{first}/actions", body, key);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
    }
}
