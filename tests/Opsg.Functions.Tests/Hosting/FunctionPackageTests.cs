using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Opsg.DevHost;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>
/// `dotnet publish` gives the Functions host a complete isolated-worker package, whose functions.metadata names
/// every function of the app and nothing else; and the local host serves exactly the HTTP functions it lists.
/// </summary>
public sealed class FunctionPackageTests(FunctionPackageTests.Package package) : IClassFixture<FunctionPackageTests.Package>
{
    /// <summary>The app published once for the class (a `dotnet publish` takes seconds); its tests only read it.</summary>
    public sealed class Package : IAsyncLifetime
    {
        public string Folder { get; } = Path.Combine(Path.GetTempPath(), "opsg-publish-" + Guid.NewGuid().ToString("N"));
        public List<JsonObject> Functions { get; private set; } = [];

        public async Task InitializeAsync()
        {
            await PublishAsync(Folder);
            Functions = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "functions.metadata")))!.AsArray().Cast<JsonObject>().ToList();
        }

        public Task DisposeAsync()
        {
            try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
            return Task.CompletedTask;
        }
    }

    private readonly string _package = package.Folder;
    private readonly List<JsonObject> _functions = package.Functions;

    [Fact]
    public void ThePackageIsAnIsolatedWorkerAppWithDurableOnAzureStorage_AndNoCustomHandler()
    {
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(_package, "worker.config.json")))!;
        var executable = worker["description"]!["defaultWorkerPath"]!.GetValue<string>();
        Assert.True(File.Exists(Path.Combine(_package, executable)), $"{executable} is not in the package");
        Assert.Equal("dotnet-isolated", worker["description"]!["language"]!.GetValue<string>());

        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(_package, "host.json")))!;
        Assert.Null(host["customHandler"]);
        Assert.Equal("%OpsgTaskHub%", host["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>());
        Assert.Equal("AzureStorage", host["extensions"]!["durableTask"]!["storageProvider"]!["type"]!.GetValue<string>());
        Assert.True(Directory.Exists(Path.Combine(_package, "templates")), "templates/ is not in the package");
        Assert.True(File.Exists(Path.Combine(_package, "templates", "partials", "styles.sbn-html")), "the Scriban templates are not in the package");
        Assert.True(File.Exists(Path.Combine(_package, "OpenApi", "openapi.json")), "the OpenAPI document is not in the package");
    }

    [Fact]
    public void TheMetadataListsEveryFunctionOfTheApp_AndOnlyThose()
    {
        var declared = typeof(Opsg.Functions.Worker).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>().Order().ToList();
        Assert.Equal(declared, _functions.Select(f => f["name"]!.GetValue<string>()).Order().ToList());
    }

    [Fact]
    public void TheMetadataHasTheCaseAndMeetingOrchestratorsTheirActivitiesAndTheRepairTimer()
    {
        string[] TriggeredBy(string type) => _functions
            .Where(f => f["bindings"]!.AsArray().Any(b => b!["type"]!.GetValue<string>() == type))
            .Select(f => f["name"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(["MeetingMinutes", "ReadinessReview"], TriggeredBy("orchestrationTrigger"));
        Assert.Equal(["FinalisePreviousMinutes", "FireMeetingTimer", "FireReminderTimer", "Notify", "ReadCasePlan", "ReadMeetingPlan", "RecordMeetingStepFailure", "RecordReviewOnCase", "RecordStepFailure",
            "RenderMinutes", "RenderReport", "SendMeetingReminder", "SendPanelLinks", "SendReminder"], TriggeredBy("activityTrigger"));
        Assert.Equal(["RepairCaseOrchestrations"], TriggeredBy("timerTrigger"));
    }

    [Fact]
    public async Task TheLocalHostServesExactlyTheHttpFunctionsOfTheMetadata()
    {
        await using var app = new OpsgApp(Azurite.Unreachable());
        _ = app.Server; // builds the host so the endpoint data source is populated
        var served = app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Order().ToList();
        var listed = _functions
            .Select(f => f["bindings"]!.AsArray().Select(b => b!.AsObject()).FirstOrDefault(b => b["type"]!.GetValue<string>() == "httpTrigger"))
            .OfType<JsonObject>()
            .SelectMany(t => t["methods"]!.AsArray().Select(m => $"{m!.GetValue<string>().ToUpperInvariant()} /api/{t["route"]!.GetValue<string>()}"))
            .Order().ToList();
        Assert.Equal(listed, served);
        Assert.Equal(listed.Count, app.Service<FunctionsMetadata>().WithTrigger("httpTrigger").Sum(f => f.Trigger.Methods!.Count));
    }

    private static async Task PublishAsync(string directory)
    {
        var root = Azurite.RepoRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var start = new ProcessStartInfo("dotnet", $"publish functions/Opsg.Functions.csproj -c {configuration} --no-build -o \"{directory}\"")
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
