using System.Net;
using System.Text;
using System.Text.Json;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task GivenNoCredentials_WhenOpeningACase_Then401Problem()
    {
        await using var app = await OpsgApp.StartAsync();
        var response = await app.ClientAs(null).PostJson("/api/cases", Seed002.OpenCase);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GivenAWrongKey_WhenOpeningACase_Then401()
    {
        await using var app = await OpsgApp.StartAsync();
        var client = app.ClientAs(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJson("/api/cases", Seed002.OpenCase)).StatusCode);
    }

    [Fact]
    public async Task GivenTheDccRole_WhenOpeningACase_Then403Problem()
    {
        await using var app = await OpsgApp.StartAsync();
        var response = await app.ClientAs("Dcc").PostJson("/api/cases", Seed002.OpenCase);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GivenAnAppServicePrincipal_WhenNotTrusted_ThenItIsIgnored()
    {
        await using var app = await OpsgApp.StartAsync();
        var client = app.ClientAs(null);
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Principal("Secas"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJson("/api/cases", Seed002.OpenCase)).StatusCode);
    }

    [Fact]
    public async Task GivenAnAppServicePrincipal_WhenTrusted_ThenItsRoleApplies()
    {
        await using var app = await OpsgApp.StartAsync(new Dictionary<string, string?> { ["Auth:TrustAppServicePrincipal"] = "true" });
        var secas = app.ClientAs(null);
        secas.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Principal("Secas"));
        var started = await secas.PostJson("/api/cases", Seed002.OpenCase);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var caseId = (await started.Json_())["id"]!.GetValue<string>();
        var history = await app.Service<Opsg.Functions.Storage.HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(("Secas", "Tim Hall"), (history.Events[0].ActorRole, history.Events[0].ActorName));

        var panel = app.ClientAs(null);
        panel.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Principal("Panel"));
        Assert.Equal(HttpStatusCode.Forbidden, (await panel.PostJson("/api/cases", Seed002.OpenCase)).StatusCode);
    }

    private static string Principal(string role) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "name",
        role_typ = "roles",
        claims = new[] { new { typ = "name", val = "Tim Hall" }, new { typ = "roles", val = role } },
    })));
}
