using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>
/// Script payloads planted in every free-text field of the seed case must come out of every report
/// as text: no script element, no event-handler attribute, no javascript: URL, no broken attribute.
/// </summary>
public sealed class ReportEscapingTests
{
    private const string Payload = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>' onmouseover='alert(2)` javascript:alert(3) a=b ";

    private static string Hostile(string text) => Payload + text;

    public static TheoryData<string> Kinds() => [.. ReportKinds.All];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void GivenScriptPayloadsInEveryTextField_WhenRendered_ThenNoScriptSurvives(string kind)
    {
        var html = Renderer.Render(kind, Seed002History.State(Hostile));
        var document = Parse(html);

        Assert.Empty(document.QuerySelectorAll("script, img, iframe, object, embed"));
        var all = document.QuerySelectorAll("*");
        Assert.DoesNotContain(all.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(all.SelectMany(e => e.Attributes), a => a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        // The encoder must have turned ' ` = into entities, or an unquoted or single-quoted attribute could be broken out of.
        Assert.DoesNotContain("onerror=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("`", html, StringComparison.Ordinal);
        Assert.Contains("&#96;", html, StringComparison.Ordinal);
        Assert.Contains("&#61;", html, StringComparison.Ordinal);
        Assert.Contains("&#39;", html, StringComparison.Ordinal);
        // ...and the payload is still there for the reader, as text.
        Assert.Contains(Payload.Trim(), document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenPayloadsInAttributesInsidePartials_ThenTheAttributeHoldsExactlyTheText()
    {
        var minutes = Parse(Renderer.Render(ReportKinds.DraftMinutes, Seed002History.State(Hostile)));
        var names = minutes.QuerySelectorAll(".attendee[data-name]").Select(e => e.GetAttribute("data-name")!).ToList();
        Assert.Equal(22, names.Count);
        Assert.All(names, name => Assert.StartsWith(Payload, name, StringComparison.Ordinal));
        Assert.Equal(Hostile("Gareth Sherratt"), minutes.QuerySelectorAll(".attendee").Single(e => e.GetAttribute("data-name") == Hostile("Gareth Sherratt")).GetAttribute("data-name"));
    }

    [Fact]
    public void GivenTheStrictEncoder_ThenItEncodesEveryCharacterThatCanEndAnAttributeOrOpenMarkup()
    {
        var writer = new StringWriter();
        new StrictHtmlEncoder().Encode("<>&\"'`=", writer);
        Assert.Equal("&lt;&gt;&amp;&quot;&#39;&#96;&#61;", writer.ToString());
    }
}

/// <summary>Pins the work-around for Handlebars.Net's indented standalone partials skipping the encoder.</summary>
public sealed class IndentedPartialTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("opsg-templates-").FullName;

    [Fact]
    public void GivenAPartialCalledOnAnIndentedLineOfItsOwn_WhenRendered_ThenItsOutputIsStillEncoded()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "partials"));
        File.WriteAllText(Path.Combine(_directory, "partials", "row.hbs"), "<td>{{CaseTitle}}</td>\n");
        File.WriteAllText(Path.Combine(_directory, ReportKinds.ReadinessPack + ".hbs"), "<tr>\n    {{> row}}\n</tr>\n");
        var state = Seed002History.State() with { Opened = new("<b onclick='x'>", Opsg.Functions.Cases.Classification.Publishable, "OPSG_1", null) };

        var renderer = new ReportRenderer(_directory);

        Assert.Equal("<tr>\n<td>&lt;b onclick&#61;&#39;x&#39;&gt;</td>\n</tr>\n", renderer.Render(ReportKinds.ReadinessPack, state));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
