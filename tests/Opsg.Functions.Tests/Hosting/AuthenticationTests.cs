using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>Who is asking, on an app with the default settings (an App Service principal is not trusted).</summary>
public sealed class AuthenticationTests(AuthenticationTests.App fixture) : IClassFixture<AuthenticationTests.App>
{
    public sealed class App : OpsgAppFixture;

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
    public async Task GivenAnAppServicePrincipal_WhenNotTrusted_ThenItIsIgnored()
    {
        var client = _app.ClientAs(null);
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", AppServicePrincipal.Header("Secas"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostJson("/api/cases", Seed002.OpenCase)).StatusCode);
    }
}
