using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>An Idempotency-Key answers only the same caller sending the same method, path, query and body; anything else is 422.</summary>
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

    [Fact]
    public async Task GivenSecasKey_WhenTheDccSendsTheSameRequestWithIt_ThenUnprocessableAndNothingRecorded()
    {
        var caseId = await cases.NewAsync(Stage.ActionsRaised);
        var key = Key("progress-");
        var body = RawRequests.Tree(new { on = "2020-03-02", text = "Pacing strategy draft shared." });
        await cases.Secas.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/actions/1/progress", body, key).ExpectAsync(HttpStatusCode.OK);

        await cases.RefusedAsync(caseId, () => cases.Dcc.SendJson(HttpMethod.Post, $"/api/cases/{caseId}/actions/1/progress", body, key),
            HttpStatusCode.UnprocessableEntity);
    }
}
