using System.Net;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>An app told to trust App Service's authentication: the principal it passes on is who is asking.</summary>
public sealed class TrustedPrincipalTests(TrustedPrincipalTests.App fixture) : IClassFixture<TrustedPrincipalTests.App>
{
    public sealed class App : OpsgAppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Auth:TrustAppServicePrincipal"] = "true" };
    }

    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task GivenAnAppServicePrincipal_WhenTrusted_ThenItsRoleApplies()
    {
        var secas = _app.ClientAs(null);
        secas.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", AppServicePrincipal.Header("Secas"));
        var started = await secas.PostJson("/api/cases", Seed002.OpenCase);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var caseId = (await started.Json_())["id"]!.GetValue<string>();
        var history = await _app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(("Secas", "Tim Hall"), (history.Events[0].ActorRole, history.Events[0].ActorName));

        var panel = _app.ClientAs(null);
        panel.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", AppServicePrincipal.Header("Panel"));
        Assert.Equal(HttpStatusCode.Forbidden, (await panel.PostJson("/api/cases", Seed002.OpenCase)).StatusCode);
    }
}
