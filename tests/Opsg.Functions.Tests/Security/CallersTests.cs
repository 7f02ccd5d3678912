using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Opsg.Functions.Security;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Security;

/// <summary>
/// Who a request is, decided on what the platform vouches for: the principal header only behind App Service
/// authentication that the platform says runs, API keys in Azure only when a setting allows them, and the sample
/// keys anywhere but a local run never.
/// </summary>
public sealed class CallersTests
{
    private static readonly HostingPlatform LocalRun = new(InAzure: false, AuthenticationEnabled: false, Local: true);
    private static readonly HostingPlatform TestRun = new(InAzure: false, AuthenticationEnabled: false, Local: false);
    private static readonly HostingPlatform AzureWithAuthentication = new(InAzure: true, AuthenticationEnabled: true, Local: false);
    private static readonly HostingPlatform AzureWithoutAuthentication = new(InAzure: true, AuthenticationEnabled: false, Local: false);

    private static Callers CallersOn(HostingPlatform platform, bool trustPrincipal = false, bool allowKeysInAzure = false, string secasKey = "a-real-secas-key") =>
        new(Options.Create(new AuthOptions
        {
            TrustAppServicePrincipal = trustPrincipal,
            AllowApiKeysInAzure = allowKeysInAzure,
            ApiKeys = new(StringComparer.OrdinalIgnoreCase) { ["Secas"] = secasKey },
        }), platform, NullLogger<Callers>.Instance);

    private static HttpRequest Request(string header, string value)
    {
        var http = new DefaultHttpContext();
        http.Request.Headers[header] = value;
        return http.Request;
    }

    private static HttpRequest WithPrincipal(string role) => Request(Callers.PrincipalHeader, AppServicePrincipal.Header(role));

    [Fact]
    public void GivenTheSettingAndThePlatformSayingAuthenticationRuns_WhenAPrincipalIsSent_ThenItsRoleApplies()
    {
        var caller = CallersOn(AzureWithAuthentication, trustPrincipal: true).Identify(WithPrincipal("Secas"));

        Assert.True(caller.Principal?.IsInRole("Secas"));
    }

    [Fact]
    public void GivenTheSettingButThePlatformNotSayingAuthenticationRuns_WhenAForgedPrincipalIsSent_ThenItIsIgnored()
    {
        // App Service authentication switched off in the portal, or a deployment that failed half-way: the setting
        // still says "trust", but nothing strips the header any more.
        var caller = CallersOn(AzureWithoutAuthentication, trustPrincipal: true).Identify(WithPrincipal("Secas"));

        Assert.Null(caller.Principal);
        Assert.Null(caller.Refused); // anonymous: the route decides (401 for every route that needs a role)
    }

    [Fact]
    public void GivenThePlatformSayingAuthenticationRunsButNotTheSetting_WhenAPrincipalIsSent_ThenItIsIgnored()
    {
        Assert.Null(CallersOn(AzureWithAuthentication, trustPrincipal: false).Identify(WithPrincipal("Secas")).Principal);
    }

    [Fact]
    public void GivenAzureWithoutTheSetting_WhenAnApiKeyIsSent_ThenItIsRefused()
    {
        var caller = CallersOn(AzureWithAuthentication).Identify(Request(Callers.ApiKeyHeader, "a-real-secas-key"));

        Assert.Null(caller.Principal);
        Assert.Contains("Entra ID", caller.Refused, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAzureWithTheSetting_WhenAnApiKeyIsSent_ThenItsRoleApplies()
    {
        var caller = CallersOn(AzureWithAuthentication, allowKeysInAzure: true).Identify(Request(Callers.ApiKeyHeader, "a-real-secas-key"));

        Assert.True(caller.Principal?.IsInRole("Secas"));
    }

    [Fact]
    public void GivenARunThatIsNotLocal_WhenAnApiKeyIsSent_ThenItsRoleApplies()
    {
        Assert.True(CallersOn(TestRun).Identify(Request(Callers.ApiKeyHeader, "a-real-secas-key")).Principal?.IsInRole("Secas"));
    }

    [Theory]
    [MemberData(nameof(NotLocal))]
    public void GivenASampleKeyConfigured_WhenItIsSentAnywhereButLocally_ThenItIsRefused(string platform)
    {
        var on = Platforms[platform];
        var caller = CallersOn(on, allowKeysInAzure: true, secasKey: "local-secas-key").Identify(Request(Callers.ApiKeyHeader, "local-secas-key"));

        Assert.Null(caller.Principal);
        Assert.Contains("sample", caller.Refused, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenASampleKeyConfigured_WhenItIsSentOnALocalRun_ThenItsRoleApplies()
    {
        var caller = CallersOn(LocalRun, secasKey: "local-secas-key").Identify(Request(Callers.ApiKeyHeader, "local-secas-key"));

        Assert.True(caller.Principal?.IsInRole("Secas"));
    }

    private static readonly Dictionary<string, HostingPlatform> Platforms = new()
    {
        ["tests"] = TestRun,
        ["Azure"] = AzureWithAuthentication,
        ["Azure without authentication"] = AzureWithoutAuthentication,
    };

    public static TheoryData<string> NotLocal => [.. Platforms.Keys];

    [Fact]
    public void TheSampleKeys_AreExactlyThoseLocalSettingsSampleShips()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(Azurite.RepoRoot(), "local.settings.sample.json")))!["Values"]!.AsObject();
        var shipped = values.Where(v => v.Key.StartsWith("Auth__ApiKeys__", StringComparison.Ordinal)).Select(v => v.Value!.GetValue<string>());

        Assert.Equal(shipped.Order(StringComparer.Ordinal), AuthOptions.SampleApiKeys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void ThePlatformSaysAuthenticationRuns_OnlyWhenWebsiteAuthEnabledIsTrue(string? value, bool enabled)
    {
        var platform = PlatformFrom(new() { [HostingPlatform.AuthenticationEnabledVariable] = value }, Environments.Production);

        Assert.Equal(enabled, platform.AuthenticationEnabled);
    }

    [Theory]
    [MemberData(nameof(AzureVariables))]
    public void AnyVariableThePlatformSetsInAzure_MeansAzure_AndSoNotLocal(string variable)
    {
        var platform = PlatformFrom(new() { [variable] = "x" }, Environments.Development);

        Assert.True(platform.InAzure);
        Assert.False(platform.Local);
    }

    public static TheoryData<string> AzureVariables => [.. HostingPlatform.AzureVariables];

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Testing", false)]
    [InlineData("Production", false)]
    public void OutsideAzure_ARunIsLocalOnlyInTheDevelopmentEnvironment(string environment, bool local)
    {
        var platform = PlatformFrom([], environment);

        Assert.False(platform.InAzure);
        Assert.Equal(local, platform.Local);
    }

    private static HostingPlatform PlatformFrom(Dictionary<string, string?> values, string environment) =>
        HostingPlatform.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), new Environment(environment));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Opsg.Functions";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Fact]
    public void AnApiKeyCaller_IsNamedByRole()
    {
        var caller = CallersOn(TestRun).Identify(Request(Callers.ApiKeyHeader, "a-real-secas-key"));

        Assert.Equal("Secas (API key)", caller.Principal!.FindFirstValue(ClaimTypes.Name));
    }

    [Fact]
    public void APrincipal_CarriesItsObjectIdAsTheCallersId()
    {
        var caller = CallersOn(AzureWithAuthentication, trustPrincipal: true).Identify(WithPrincipal("Secas"));

        Assert.Equal(AppServicePrincipal.TimHallObjectId, caller.Principal!.CallerId());
        Assert.Equal(AppServicePrincipal.TimHallObjectId, caller.Principal!.ToActor().Id);
    }

    [Fact]
    public void APrincipalWithoutAnObjectId_IsRefused()
    {
        var caller = CallersOn(AzureWithAuthentication, trustPrincipal: true)
            .Identify(Request(Callers.PrincipalHeader, AppServicePrincipal.Header(objectId: null, "Tim Hall", "Secas")));

        Assert.Null(caller.Principal);
        Assert.Contains("object id", caller.Refused, StringComparison.Ordinal);
    }

    [Fact]
    public void AnApiKeyCaller_HasTheKeysRoleAsItsId()
    {
        var caller = CallersOn(TestRun).Identify(Request(Callers.ApiKeyHeader, "a-real-secas-key"));

        Assert.Equal("api-key:Secas", caller.Principal!.CallerId());
    }

    [Fact]
    public void APersonInTwoRoles_IsRecordedInTheRoleTheRouteAllowed_NotTheFirstTheyHold()
    {
        var principal = CallersOn(AzureWithAuthentication, trustPrincipal: true)
            .Identify(Request(Callers.PrincipalHeader, AppServicePrincipal.Header("0a0b", "Dual Role", "Dcc", "Secas"))).Principal!;

        Assert.Equal(Opsg.Functions.Records.Role.Dcc, principal.ToActor().Role);
        Assert.Equal("Secas", principal.RoleAllowedBy([Roles.Secas, Roles.OpsgMember]));
        principal.Identities.First().AddClaim(new Claim(Roles.ActingRoleClaim, "Secas"));
        Assert.Equal(Opsg.Functions.Records.Role.Secas, principal.ToActor().Role);
    }
}
