using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>
/// `dotnet publish` must give the Functions host a complete custom-handler package: host.json, the
/// executable it names, and one folder per function — no function without a handler in the app, and
/// no route or trigger handler of the app without a function.
/// </summary>
public sealed class FunctionPackageTests : IAsyncLifetime
{
    private readonly string _package = Path.Combine(Path.GetTempPath(), "opsg-publish-" + Guid.NewGuid().ToString("N"));
    private OpsgApp _app = null!;
    private List<(string Route, string Method)> _endpoints = [];
    private List<(string Name, JsonObject Binding)> _functions = [];

    public async Task InitializeAsync()
    {
        await PublishAsync();
        _app = new OpsgApp(Azurite.Unreachable(), settings: new Dictionary<string, string?> { ["TriggerLoop:Enabled"] = "false" });
        _ = _app.Server; // builds the host so the endpoint data source is populated
        _endpoints = _app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => ("/" + e.RoutePattern.RawText!.TrimStart('/'), m)))
            .ToList();
        _functions = Directory.GetDirectories(_package)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d => (Path.GetFileName(d), (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(d, "function.json")))!["bindings"]!.AsArray()[0]!))
            .ToList();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        try { Directory.Delete(_package, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public void ThePackageHasHostJsonNamingAnExecutableThatIsThere()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(_package, "host.json")))!;
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        var executable = host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(_package, executable)), $"{executable} is not in the package");
        Assert.True(Directory.Exists(Path.Combine(_package, "templates")), "templates/ is not in the package");
        Assert.True(File.Exists(Path.Combine(_package, "templates", "partials", "styles.sbn-html")), "the Scriban templates are not in the package");
    }

    [Fact]
    public void EveryFunctionHasAHandlerInTheApp()
    {
        Assert.NotEmpty(_functions);
        foreach (var (name, binding) in _functions)
        {
            var type = binding["type"]!.GetValue<string>();
            if (type == "httpTrigger")
            {
                var prefix = "/api/" + RoutePrefix(binding["route"]!.GetValue<string>());
                Assert.True(_endpoints.Any(e => e.Route.StartsWith(prefix, StringComparison.Ordinal)), $"Function {name} forwards {prefix}… but the app has no such route");
            }
            else
            {
                Assert.Contains(($"/{name}", "POST"), _endpoints);
            }
        }
    }

    [Fact]
    public void EveryRouteAndTriggerHandlerOfTheAppHasAFunction()
    {
        var httpPrefixes = _functions.Where(f => f.Binding["type"]!.GetValue<string>() == "httpTrigger")
            .Select(f => "/api/" + RoutePrefix(f.Binding["route"]!.GetValue<string>())).ToList();
        foreach (var (route, method) in _endpoints)
        {
            if (route.StartsWith("/api/", StringComparison.Ordinal))
                Assert.True(httpPrefixes.Any(p => route.StartsWith(p, StringComparison.Ordinal)), $"{method} {route} is not forwarded by any HTTP function");
            else
                Assert.Contains(_functions, f => $"/{f.Name}" == route && f.Binding["type"]!.GetValue<string>() != "httpTrigger");
        }
    }

    [Fact]
    public void TheQueueFunctionListensOnTheQueueTheAppWritesTo()
    {
        var queue = _functions.Single(f => f.Binding["type"]!.GetValue<string>() == "queueTrigger");
        Assert.Equal(new Opsg.Functions.Storage.StorageOptions().ActivityQueue, queue.Binding["queueName"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", queue.Binding["connection"]!.GetValue<string>());
    }

    /// <summary>"cases/{*path}" forwards everything under "cases"; "health" only itself.</summary>
    private static string RoutePrefix(string route)
    {
        var brace = route.IndexOf('{', StringComparison.Ordinal);
        return (brace < 0 ? route : route[..brace]).TrimEnd('/');
    }

    private async Task PublishAsync()
    {
        var root = Azurite.RepoRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var start = new ProcessStartInfo("dotnet", $"publish functions/Opsg.Functions.csproj -c {configuration} --no-build -o \"{_package}\"")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "dotnet publish failed:\n" + output + await process.StandardError.ReadToEndAsync());
    }
}
