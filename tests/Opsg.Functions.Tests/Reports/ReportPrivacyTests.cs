using System.Net;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Reports;

/// <summary>The report container is never public: a rendered report is reachable only through the API's checks.</summary>
public sealed class ReportPrivacyTests(ReportPrivacyTests.App fixture) : IClassFixture<ReportPrivacyTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task GivenARenderedReport_WhenBlobStorageIsAskedWithoutCredentials_ThenNeitherTheBlobNorTheListingIsServed()
    {
        var secas = _app.ClientAs("Secas");
        var caseId = await ReviewRecording.OpenAndSubmitAsync(secas, _app.ClientAs("Dcc"));
        var blobName = $"{caseId}/readiness-pack/v1.html";
        Assert.NotNull(await _app.Service<BlobStore>().ReadAsync(BlobArea.Reports, blobName, default)); // it is there
        Assert.Equal(HttpStatusCode.OK, (await secas.GetAsync($"/api/cases/{caseId}/reports/readiness-pack/v1")).StatusCode);

        var azurite = await Azurite.Shared;
        var container = $"http://127.0.0.1:{azurite.BlobPort}/devstoreaccount1/{_app.Prefix.ToLowerInvariant()}-reports";
        using var anonymous = new HttpClient();
        var blob = await anonymous.GetAsync($"{container}/{blobName}");
        var listing = await anonymous.GetAsync($"{container}?restype=container&comp=list");

        Assert.False(blob.IsSuccessStatusCode, $"the report blob was served anonymously ({(int)blob.StatusCode})");
        Assert.False(listing.IsSuccessStatusCode, $"the report container was listed anonymously ({(int)listing.StatusCode})");
    }
}
