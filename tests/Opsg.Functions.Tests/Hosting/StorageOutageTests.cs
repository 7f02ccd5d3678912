using System.Net;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>Storage going away mid-run: the caller gets 503 problem details and nothing is half-written.</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private Azurite _azurite = null!;

    public async Task InitializeAsync() => _azurite = await Azurite.StartOnDiskAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task GivenAnOpenCase_WhenStorageIsDownDuringASubmission_Then503AndTheHistoryIsUnchanged()
    {
        await using var app = new OpsgApp(_azurite.ConnectionString);
        var secas = app.ClientAs("Secas");
        await secas.WaitForHealthyAsync();
        var caseId = await secas.OpenCaseAsync();
        var before = await app.Service<HistoryTable>().ReadAsync(caseId, default);

        await _azurite.StopAsync();
        var refused = await app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, await refused.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);

        await _azurite.RestartAsync();
        await secas.WaitForHealthyAsync();
        var after = await app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(before.Events.Select(e => (e.Sequence, e.Type, e.Payload)), after.Events.Select(e => (e.Sequence, e.Type, e.Payload)));
        Assert.Equal(before.Header!.Version, after.Header!.Version);

        // And the same request succeeds once storage is back: the refusal left nothing in the way.
        var accepted = await app.ClientAs("Dcc").PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }
}
