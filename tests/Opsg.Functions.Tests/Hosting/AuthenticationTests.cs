using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>
/// Who is asking, on an app that is told to trust App Service's principal header where the platform does not say
/// App Service authentication runs (as when it is switched off in the portal), and whose Panel key is a sample key
/// of local.settings.sample.json, on a run that is not local.
/// </summary>
public sealed class AuthenticationTests(AuthenticationTests.App fixture) : IClassFixture<AuthenticationTests.App>
{
    public sealed class App : OpsgAppFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Auth:TrustAppServicePrincipal"] = "true",
            ["Auth:ApiKeys:Panel"] = "local-panel-key",
        };
    }

    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task GivenNoCredentials_WhenOpeningACase_Then401Problem()
    {
        var response = await _app.ClientAs(null).PostJson("/api/cases", Seed002.OpenCase);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GivenAWrongKey_WhenOpeningACase_Then401()
    {
        var client = _app.ClientAs(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJson("/api/cases", Seed002.OpenCase)).StatusCode);
    }

    [Fact]
    public async Task GivenTheDccRole_WhenOpeningACase_Then403Problem()
    {
        var response = await _app.ClientAs("Dcc").PostJson("/api/cases", Seed002.OpenCase);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GivenAForgedAppServicePrincipal_WhenTheSettingTrustsItButThePlatformRunsNoAuthentication_ThenItIsIgnored()
    {
        var client = _app.ClientAs(null);
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", AppServicePrincipal.Header("Secas"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJson("/api/cases", Seed002.OpenCase)).StatusCode);
    }

    [Fact]
    public async Task GivenASampleKey_WhenTheRunIsNotLocal_Then401NamingIt()
    {
        var client = _app.ClientAs(null);
        client.DefaultRequestHeaders.Add("X-Api-Key", "local-panel-key");
        var response = await client.GetAsync("/api/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("sample API key", (await response.Json_())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
