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
        Assert.Equal(("Secas", "Tim Hall", AppServicePrincipal.TimHallObjectId), (history.Events[0].ActorRole, history.Events[0].ActorName, history.Events[0].ActorId));

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

    private HttpClient Person(string objectId, string name, params string[] roles)
    {
        var client = _app.ClientAs(null);
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", AppServicePrincipal.Header(objectId, name, roles));
        return client;
    }

    [Fact]
    public async Task GivenAPersonInTwoRoles_WhenTheyActOnASecasRoute_ThenTheRecordNamesSecasAndTheirObjectId()
    {
        var dual = Person("9c4d2e71-0b1a-4f3e-8d6c-2a7b5e9f1c03", "Dual Role", "Dcc", "Secas");
        var started = await dual.PostJson("/api/cases", Seed002.OpenCase);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var caseId = (await started.Json_())["id"]!.GetValue<string>();

        var opened = (await _app.Service<HistoryTable>().ReadAsync(caseId, default)).Events[0];
        Assert.Equal(("Secas", "9c4d2e71-0b1a-4f3e-8d6c-2a7b5e9f1c03"), (opened.ActorRole, opened.ActorId));
    }

    [Fact]
    public async Task GivenTwoPeopleWithOneNameAndOneKey_WhenEachOpensACase_ThenEachKeyIsTheirOwnAndTwoCasesAreRecorded()
    {
        var key = "open-" + Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        foreach (var objectId in new[] { "1f7e2c90-3a4b-4c5d-9e8f-0a1b2c3d4e5f", "2a8f3d01-4b5c-4d6e-8f90-1b2c3d4e5f60" })
        {
            var response = await Person(objectId, "Sam Jones", "Secas").SendJson(HttpMethod.Post, "/api/cases", RawRequests.Tree(Seed002.OpenCase),
                new Dictionary<string, string> { ["Idempotency-Key"] = key });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.False(response.Headers.Contains("Idempotent-Replayed"));
            ids.Add((await response.Json_())["id"]!.GetValue<string>());
        }
        Assert.NotEqual(ids[0], ids[1]);
        foreach (var id in ids) Assert.Single((await _app.Service<HistoryTable>().ReadAsync(id, default)).Events, e => e.Type == "CaseOpened");
    }
}
