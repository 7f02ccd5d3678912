using System.Text.Json;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>
/// axe-core (npm, pinned in package.json) in headless Chromium finds nothing in any document: WCAG
/// 2.x A and AA, and the best practices (one main landmark, no content outside landmarks, headings).
/// </summary>
public sealed class DocumentAccessibilityTests(ChromiumFixture browser) : IClassFixture<ChromiumFixture>
{
    private static readonly Lazy<string> Axe = new(() => File.ReadAllText(Path.Combine(Azurite.RepoRoot(), "node_modules", "axe-core", "axe.min.js")));

    private const string RunAxe = """
        axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
          .then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))
        """;

    [Theory]
    [MemberData(nameof(SampleDocumentFiles.Names), MemberType = typeof(SampleDocumentFiles))]
    public async Task GivenASampleDocument_WhenAxeChecksIt_ThenItFindsNoViolation(string name)
    {
        var violations = await ViolationsAsync(SampleDocumentFiles.Paths[name]);
        Assert.True(violations.Count == 0, $"{name}:\n" + string.Join("\n", violations));
    }

    [Fact]
    public async Task GivenContentOutsideTheLandmarks_ThenAxeReportsIt()
    {
        // The check above is only worth something if axe does see what it is asked to look for.
        var path = Path.Combine(SampleDocumentFiles.Folder, "deliberately-without-main.html");
        Directory.CreateDirectory(SampleDocumentFiles.Folder);
        await File.WriteAllTextAsync(path, "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><h1>x</h1><p>Loose text.</p></body></html>");
        var violations = await ViolationsAsync(path);
        Assert.Contains(violations, v => v.StartsWith("landmark-one-main", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("region", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(SampleDocumentFiles.Names), MemberType = typeof(SampleDocumentFiles))]
    public void GivenASampleDocument_ThenItsBodyIsABannerAMainAndAFooterAndTheClassificationIsInTheBanner(string name)
    {
        var document = Parse(SampleDocuments.All[name]);
        Assert.Equal(["HEADER", "MAIN", "FOOTER"], document.Body!.Children.Select(e => e.TagName));
        Assert.NotNull(document.QuerySelector("body > header > .banner[data-classification]"));
        Assert.Single(document.QuerySelectorAll("h1"));
    }

    private async Task<IReadOnlyList<string>> ViolationsAsync(string path)
    {
        await browser.Chromium.OpenAsync(path);
        await browser.Chromium.EvaluateAsync(Axe.Value + "\n;true");
        var found = await browser.Chromium.EvaluateAsync(RunAxe);
        return found?.Deserialize<string[]>() ?? [];
    }
}
