using System.Net;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>
/// An app as in Azure behind App Service authentication (the platform's variables say so) and told to trust it:
/// the principal it passes on is who is asking, and an API key is refused.
/// </summary>
public sealed class TrustedPrincipalTests(TrustedPrincipalTests.App fixture) : IClassFixture<TrustedPrincipalTests.App>
{
    public sealed class App : OpsgAppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Auth:TrustAppServicePrincipal"] = "true",
            ["WEBSITE_AUTH_ENABLED"] = "True",
            ["WEBSITE_SKU"] = "FlexConsumption",
        };
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

    [Fact]
    public async Task GivenAnApiKey_WhenInAzureWithoutTheSettingThatAllowsKeys_Then401()
    {
        var response = await _app.ClientAs("Secas").PostJson("/api/cases", Seed002.OpenCase);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Entra ID", (await response.Json_())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
