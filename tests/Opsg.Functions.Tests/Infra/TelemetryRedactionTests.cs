using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Infra;

/// <summary>
/// Telemetry the platform and the Functions host write (request URLs, the host's call to the worker, messages)
/// passes through a workspace transformation that cuts Panel link tokens out before anything is stored, on every
/// Application Insights table that can hold a URL, and the workspace is linked to it.
/// </summary>
public sealed class TelemetryRedactionTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    private JsonObject Rule() => compiled.Resources().Single(r => r["type"]!.GetValue<string>() == "Microsoft.Insights/dataCollectionRules");

    [Fact]
    public void TheWorkspaceTransformation_CoversEveryApplicationInsightsTableThatCanHoldAUrl()
    {
        var rule = Rule();
        Assert.Equal("WorkspaceTransforms", rule["kind"]!.GetValue<string>());
        var flows = rule["properties"]!["copy"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "dataFlows")!;
        Assert.Contains("redactingText", flows["input"]!["transformKql"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("redactingDynamic", flows["input"]!["transformKql"]!.GetValue<string>(), StringComparison.Ordinal);

        var tables = compiled.ModuleTemplates().Select(t => t["variables"]?["linkTokenColumns"]).OfType<JsonObject>().Single();
        Assert.Equal(["AppDependencies", "AppExceptions", "AppRequests", "AppTraces"], tables.Select(t => t.Key).Order(StringComparer.Ordinal));
        Assert.Contains("Url", tables["AppRequests"]!["text"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.All(tables, t => Assert.Contains("Properties", t.Value!["dynamic"]!.AsArray().Select(c => c!.GetValue<string>())));
    }

    [Fact]
    public void TheTransformation_PutsAPlaceholderWhereTheTokenWas()
    {
        var functions = compiled.ModuleTemplates().Select(t => t["functions"]).OfType<JsonArray>().Single().ToJsonString();

        Assert.Contains("/api/links/{{token}}", functions, StringComparison.Ordinal); // as format() escapes it
        Assert.Contains("tolower", functions, StringComparison.Ordinal); // the path is matched whatever its case
    }

    [Fact]
    public void TheWorkspace_IsLinkedToTheTransformation_WithItsPropertiesOtherwiseUnchanged()
    {
        var linking = compiled.Resources().Single(r => r["name"]?.GetValue<string>() == "workspaceTransforms");
        var parameters = linking["properties"]!["parameters"]!;

        Assert.Contains("Microsoft.Insights/dataCollectionRules", parameters["transformationRuleId"]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("[variables('workspaceProperties')]", parameters["properties"]!["value"]!.GetValue<string>());
        var workspaces = compiled.Resources().Where(r => r["type"]!.GetValue<string>() == "Microsoft.OperationalInsights/workspaces").ToList();
        Assert.Equal(2, workspaces.Count);
        Assert.Contains(workspaces, w => w["properties"]!.GetValue<string>() == "[variables('workspaceProperties')]");
        Assert.Contains(workspaces, w => w["properties"]!.GetValue<string>().Contains("defaultDataCollectionRuleResourceId", StringComparison.Ordinal));
    }
}
