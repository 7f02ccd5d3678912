using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Infra;

/// <summary>
/// The app's identity holds Storage Blob Data Owner only where the Functions host and Durable Functions need it: a role
/// assignment condition keeps it off the containers the template creates (the app's documents and the Flex deployment
/// package), which get Storage Blob Data Contributor, scoped to each container. infra/modules/storage.bicep says why.
/// </summary>
public sealed partial class StorageRolesTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    private const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string BlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

    /// <summary>The storage module's template, its role assignments, and the role id each one grants.</summary>
    private (JsonObject Template, List<(JsonObject Assignment, string Role)> Assignments) Storage()
    {
        var template = compiled.ModuleTemplates().Single(t => t["variables"]?["roles"] is JsonObject);
        var roles = template["variables"]!["roles"]!.AsObject().ToDictionary(r => r.Key, r => r.Value!.GetValue<string>());
        var assignments = ((JsonObject)template["resources"]!).Select(r => r.Value!.AsObject())
            .Where(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments")
            .Select(r => (r, roles[RoleVariable().Match(r["properties"]!["roleDefinitionId"]!.GetValue<string>()).Groups["role"].Value]))
            .ToList();
        return (template, assignments);
    }

    [Fact]
    public void BlobDataOwner_IsGrantedOnce_UnderAConditionThatExcludesTheTemplatesContainers()
    {
        var (template, assignments) = Storage();

        var owner = Assert.Single(assignments, a => a.Role == BlobDataOwner).Assignment["properties"]!;
        Assert.Equal("2.0", owner["conditionVersion"]!.GetValue<string>());
        var condition = owner["condition"]!.GetValue<string>();
        Assert.Contains("ActionMatches", condition, StringComparison.Ordinal);
        Assert.Contains("containers:name] StringNotEquals", condition, StringComparison.Ordinal);
        Assert.Contains("variables('ownContainers')", condition, StringComparison.Ordinal);
        var ownContainers = template["variables"]!["ownContainers"]!.GetValue<string>();
        Assert.Contains("parameters('appContainers')", ownContainers, StringComparison.Ordinal);
        Assert.Contains("parameters('deploymentContainer')", ownContainers, StringComparison.Ordinal);
    }

    /// <summary>
    /// The app serves evidence by Defender's malware verdict, a blob index tag: its identity reads tags everywhere
    /// (through Owner; Contributor grants no tag action) and writes them nowhere it keeps documents.
    /// </summary>
    [Fact]
    public void BlobDataOwner_KeepsTagWritesOffTheTemplatesContainers_AndLeavesTagReads()
    {
        var (template, _) = Storage();

        var limited = template["variables"]!["blobDataActions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains("tags/write", limited);
        Assert.Contains("write", limited); // an upload carrying x-ms-tags is a write, so it is kept off too
        Assert.DoesNotContain("tags/read", limited);
    }

    [Fact]
    public void BlobDataContributor_IsScopedToEachContainerTheTemplateCreates_TheDeploymentPackageIncluded()
    {
        var (_, assignments) = Storage();

        var contributor = Assert.Single(assignments, a => a.Role == BlobDataContributor).Assignment;
        Assert.Contains("variables('ownContainers')", contributor["copy"]!["count"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.Storage/storageAccounts/blobServices/containers", contributor["scope"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(contributor["properties"]!["condition"]);
    }

    [Fact]
    public void EveryRoleAssignment_SaysWhyItExists()
    {
        var (_, assignments) = Storage();

        Assert.All(assignments, a => Assert.False(string.IsNullOrWhiteSpace(a.Assignment["properties"]!["description"]?.GetValue<string>())));
    }

    [GeneratedRegex(@"variables\('roles'\)\.(?<role>\w+)")]
    private static partial Regex RoleVariable();
}
