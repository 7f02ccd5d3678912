using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Reports;

/// <summary>
/// Every document prints on A4 portrait: laid out as print media at the printable width nothing sticks
/// out, and Chromium prints it to a PDF. The PDFs and full-page screenshots stay in the folder
/// named in <see cref="Output"/> (beside the test binaries) so a person can look at them.
/// </summary>
public sealed partial class DocumentPrintTests(ChromiumFixture browser) : IClassFixture<ChromiumFixture>
{
    /// <summary>A4 is 210 mm wide; the documents' @page rule keeps 14 mm each side: 182 mm at 96 px to the inch.</summary>
    private const int PrintableWidthPx = 688;
    private const int A4HeightPx = 1123;
    private static readonly string Output = Path.Combine(AppContext.BaseDirectory, "document-prints");

    private const string Overflowing = """
        (() => {
          const edge = document.documentElement.clientWidth;
          const out = [...document.body.querySelectorAll('*')]
            .filter(e => e.getBoundingClientRect().right > edge + 0.5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className.split(' ').join('.') : '') + ' ends at ' + Math.round(e.getBoundingClientRect().right) + 'px');
          return { edge, scrollWidth: document.documentElement.scrollWidth, out: out.slice(0, 10) };
        })()
        """;

    [Theory]
    [MemberData(nameof(SampleDocumentFiles.Names), MemberType = typeof(SampleDocumentFiles))]
    public async Task GivenASampleDocument_WhenLaidOutForPrintAtTheA4PrintableWidth_ThenNothingSticksOut(string name)
    {
        await browser.Chromium.OpenAsync(SampleDocumentFiles.Paths[name]);
        await browser.Chromium.EmulatePrintAsync(PrintableWidthPx, A4HeightPx);

        var layout = (await browser.Chromium.EvaluateAsync(Overflowing))!;
        Assert.Equal(PrintableWidthPx, layout["edge"]!.GetValue<int>());
        Assert.True(layout["scrollWidth"]!.GetValue<int>() <= PrintableWidthPx && layout["out"]!.AsArray().Count == 0,
            $"{name} is wider than A4's printable width: {layout.ToJsonString()}");
    }

    [Fact]
    public async Task GivenATableWiderThanThePage_ThenTheCheckSeesIt()
    {
        // The check above is only worth something if it catches what it is meant to: a table of unbreakable cells.
        var path = Path.Combine(SampleDocumentFiles.Folder, "deliberately-too-wide.html");
        Directory.CreateDirectory(SampleDocumentFiles.Folder);
        var cells = string.Concat(Enumerable.Repeat("<td style=\"white-space: nowrap\">28 February 2020</td>", 8));
        await File.WriteAllTextAsync(path, $"<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><main><table><tr>{cells}</tr></table></main></body></html>");
        await browser.Chromium.OpenAsync(path);
        await browser.Chromium.EmulatePrintAsync(PrintableWidthPx, A4HeightPx);

        var layout = (await browser.Chromium.EvaluateAsync(Overflowing))!;
        Assert.NotEmpty(layout["out"]!.AsArray());
    }

    [Fact]
    public async Task GivenTheActionsRegister_WhenLaidOutForPrint_ThenTheActionColumnKeepsRoomForTheText()
    {
        await browser.Chromium.OpenAsync(SampleDocumentFiles.Paths["actions-register-across-meetings"]);
        await browser.Chromium.EmulatePrintAsync(PrintableWidthPx, A4HeightPx);

        var widths = (await browser.Chromium.EvaluateAsync("[...document.querySelectorAll('table.actions')].map(t => t.tHead.rows[0].cells[1].getBoundingClientRect().width)"))!
            .Deserialize<double[]>()!;
        Assert.NotEmpty(widths);
        // A word a line is what a squeezed column looks like; a third of the page keeps sentences readable.
        Assert.All(widths, w => Assert.True(w >= PrintableWidthPx / 3.0, $"the Action column is {w:0} px wide"));
    }

    [Theory]
    [MemberData(nameof(SampleDocumentFiles.Names), MemberType = typeof(SampleDocumentFiles))]
    public async Task GivenASampleDocument_WhenChromiumPrintsIt_ThenAnA4PdfAndAScreenshotComeOut(string name)
    {
        Directory.CreateDirectory(Output);
        await browser.Chromium.OpenAsync(SampleDocumentFiles.Paths[name]);
        await browser.Chromium.EmulateScreenAsync(1240, 1754);
        var png = await browser.Chromium.ScreenshotAsync();
        var pdf = await browser.Chromium.PrintToPdfAsync();
        await File.WriteAllBytesAsync(Path.Combine(Output, name + ".png"), png);
        await File.WriteAllBytesAsync(Path.Combine(Output, name + ".pdf"), pdf);

        Assert.True(png.Length > 20_000, $"{name}.png is too small to hold a document");
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        // Every page A4 portrait (595 × 842 points), as the document's own @page rule asks.
        var pages = MediaBox().Matches(System.Text.Encoding.Latin1.GetString(pdf));
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.True(
            Math.Abs(double.Parse(page.Groups["w"].Value, CultureInfo.InvariantCulture) - 595.3) < 1 && Math.Abs(double.Parse(page.Groups["h"].Value, CultureInfo.InvariantCulture) - 841.9) < 1,
            $"{name} has a page of {page.Value}"));
    }

    [Theory]
    [InlineData("draft-minutes", "#b3261e")]
    [InlineData("draft-minutes-publishable", "#1b1f24")]
    [InlineData("actions-register-across-meetings", "#b3261e")]
    public void GivenAClassification_ThenTheRunningPrintHeaderIsRedOnlyWhenTheDocumentMustNotBePublished(string name, string colour)
    {
        var header = TopCenter().Match(SampleDocuments.All[name]);
        Assert.True(header.Success, "no running print header");
        Assert.Equal(colour, header.Groups["colour"].Value);
    }

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+(?<w>[\d.]+)\s+(?<h>[\d.]+)\s*\]")]
    private static partial Regex MediaBox();

    [GeneratedRegex(@"@top-center\s*\{[^}]*color:\s*(?<colour>#[0-9a-f]{6})")]
    private static partial Regex TopCenter();
}
