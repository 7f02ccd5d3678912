using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Hosting;
using Opsg.Functions.Security;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Infra;

/// <summary>
/// App Service authentication, as infra/main.bicep configures it, refuses every unauthenticated call itself (401)
/// except on exactly the routes the app serves anonymously by design: a new anonymous route not excluded would be
/// unreachable, and an excluded path that reaches a route needing a role would let anonymous calls through to the app.
/// </summary>
public sealed partial class AuthenticationSettingsTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    private JsonObject Settings() =>
        compiled.Resources().Single(r => r["type"]!.GetValue<string>() == "Microsoft.Web/sites/config" && r["name"]!.ToJsonString().Contains("authsettingsV2", StringComparison.Ordinal))["properties"]!.AsObject();

    private IReadOnlyList<string> ExcludedPaths() =>
        Settings()["globalValidation"]!["excludedPaths"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();

    [Fact]
    public void Authentication_IsOn_AndRefusesUnauthenticatedCallsWith401()
    {
        var settings = Settings();

        Assert.True(settings["platform"]!["enabled"]!.GetValue<bool>());
        Assert.True(settings["globalValidation"]!["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("Return401", settings["globalValidation"]!["unauthenticatedClientAction"]!.GetValue<string>());
    }

    [Fact]
    public void EveryAnonymousRoute_IsExcluded()
    {
        var anonymous = Routes().Where(r => r.Anonymous && r.Route != "{*path}").Select(r => SamplePath(r.Route)).ToList();
        Assert.Equal(3, anonymous.Count); // the Panel's link, health, the OpenAPI document

        Assert.All(anonymous, path => Assert.True(IsExcluded(path, ExcludedPaths()), $"{path} is anonymous in the app but App Service authentication refuses it"));
    }

    [Fact]
    public void NoRouteThatNeedsARole_IsExcluded()
    {
        var needingARole = Routes().Where(r => !r.Anonymous).Select(r => SamplePath(r.Route)).ToList();
        Assert.NotEmpty(needingARole);

        Assert.All(needingARole, path => Assert.False(IsExcluded(path, ExcludedPaths()), $"{path} needs a role but App Service authentication lets anonymous calls through"));
    }

    [Fact]
    public void ThePrincipalHeader_IsTrustedByTheSetting_AndApiKeysAreNotAllowedInAzure()
    {
        var settings = compiled.AppSettings().ToDictionary(s => s.Name, s => s.Value);

        Assert.Equal("true", settings[AppSettings.TrustAppServicePrincipal]);
        Assert.DoesNotContain(AppSettings.AllowApiKeysInAzure, settings.Keys);
        Assert.DoesNotContain(settings.Keys, name => name.StartsWith("Auth__ApiKeys", StringComparison.Ordinal));
    }

    /// <summary>An excluded path is either exact or ends in "/*", matching everything under it (App Service's two forms).</summary>
    private static bool IsExcluded(string path, IReadOnlyList<string> excluded) =>
        excluded.Any(e => e.EndsWith("/*", StringComparison.Ordinal)
            ? path.StartsWith(e[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(path, e, StringComparison.OrdinalIgnoreCase));

    private static string SamplePath(string route) => "/api/" + RouteParameter().Replace(route, "x");

    private static IEnumerable<(string Route, bool Anonymous)> Routes() =>
        typeof(Composition).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .Select(m => (Method: m, Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null)))
            .Where(x => x.Trigger is not null)
            .Select(x => (x.Trigger!.Route!, x.Method.GetCustomAttribute<AllowAnonymousAttribute>() is not null));

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
