using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Opsg.Functions.Tests.Architecture;

/// <summary>
/// The folders under functions/ layer bottom to top (docs/ARCHITECTURE.md): a folder may use the ones below it,
/// never one above, so no two import each other. A new dependency that breaks this fails here, naming the types.
/// </summary>
public class LayeringTests
{
    /// <summary>Bottom to top, as docs/ARCHITECTURE.md lists them.</summary>
    public static readonly string[] Layers =
    [
        "Storage", "Records", "Security", "Criteria", "Cases", "Steps", "Http", "Mail",
        "Submissions", "Review", "Panel", "Reports", "Meetings", "Links", "Reminders", "Orchestration", "Hosting",
    ];

    private static readonly ArchUnitNET.Domain.Architecture Functions =
        new ArchLoader().LoadAssemblies(typeof(Opsg.Functions.Hosting.Composition).Assembly).Build();

    public static TheoryData<string> EveryLayer => [.. Layers];

    [Fact]
    public void EveryFolderOfTheAppIsALayer()
    {
        var folders = Functions.Types
            .Select(t => t.Namespace.FullName)
            .Where(ns => ns.StartsWith("Opsg.Functions.", StringComparison.Ordinal))
            .Select(ns => ns.Split('.')[2])
            .Distinct()
            .Order(StringComparer.Ordinal);
        Assert.Equal(Layers.Order(StringComparer.Ordinal), folders);
    }

    [Theory]
    [MemberData(nameof(EveryLayer))]
    public void AFolderUsesNoFolderAboveIt(string layer)
    {
        var above = Layers.SkipWhile(l => l != layer).Skip(1).ToArray();
        if (above.Length == 0) return;
        Types().That().ResideInNamespaceMatching(Pattern(layer))
            .Should().NotDependOnAny(Types().That().ResideInNamespaceMatching(Pattern(above)))
            .Check(Functions);
    }

    [Fact]
    public void NoTwoFoldersImportEachOther() =>
        SliceRuleDefinition.Slices().Matching("Opsg.Functions.(*)").Should().BeFreeOfCycles().Check(Functions);

    private static string Pattern(params string[] folders) => $@"^Opsg\.Functions\.({string.Join('|', folders)})(\..*)?$";
}
