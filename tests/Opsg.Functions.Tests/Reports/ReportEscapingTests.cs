using System.Text.RegularExpressions;
using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>
/// Hostile text planted in every free-text field comes out of every document as the text it was: no
/// element, no attribute, no javascript: URL, no broken attribute, and no template expression run.
/// Nobody has to remember a filter for this: the template context encodes whatever an expression writes.
/// </summary>
public sealed class ReportEscapingTests
{
    private const string Payload = "<img src=x onerror=alert(1)>' onmouseover='x\"><svg onload=x>{{ 7*7 }}`javascript:x ";
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Hostile = new(() => SampleDocuments.With(text => Payload + text));

    /// <summary>The only SVG elements a document may hold: the pictures drawn in code.</summary>
    private static readonly string[] OurPictures = ["rag-grid", "risk-summary"];

    [Theory]
    [MemberData(nameof(SampleDocumentFiles.Names), MemberType = typeof(SampleDocumentFiles))]
    public void GivenHostileTextInEveryField_WhenRendered_ThenNoMarkupAttributeOrExpressionComesOut(string name)
    {
        var html = Hostile.Value[name];
        var document = Parse(html);
        var attributes = document.QuerySelectorAll("*").SelectMany(e => e.Attributes).ToList();

        Assert.Empty(document.QuerySelectorAll("script, img, iframe, object, embed"));
        Assert.All(document.QuerySelectorAll("svg"), svg => Assert.Contains(svg.Id, OurPictures));
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
        // An attribute that holds any of the payload holds all of it: nothing broke out of its quotes.
        Assert.All(attributes.Where(a => a.Value.Contains("onerror", StringComparison.Ordinal)), a => Assert.Contains(Payload, a.Value, StringComparison.Ordinal));
        // ' ` and = are entities too, so even an unquoted or single-quoted attribute could not be broken out of.
        Assert.DoesNotContain("onerror=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("`", html, StringComparison.Ordinal);
        Assert.DoesNotContain("onmouseover='", html, StringComparison.Ordinal);
        // The payload is still there for the reader, as text, and its template expression was never run.
        var text = document.Body!.TextContent;
        Assert.DoesNotContain(Payload.Replace("{{ 7*7 }}", "49", StringComparison.Ordinal), text, StringComparison.Ordinal);
        if (name.EndsWith("-empty", StringComparison.Ordinal)) return; // shows no free text at all
        Assert.Contains(Payload, text, StringComparison.Ordinal);
        Assert.Equal(Count(text, Payload), Count(text, "{{ 7*7 }}"));
    }

    [Fact]
    public void GivenHostileNamesInAttributesInsidePartials_ThenTheAttributeHoldsExactlyTheText()
    {
        var minutes = Parse(Hostile.Value[ReportKinds.DraftMinutes]);
        var names = minutes.QuerySelectorAll(".attendee[data-name]").Select(e => e.GetAttribute("data-name")!).ToList();
        Assert.Equal(23, names.Count);
        Assert.All(names, name => Assert.StartsWith(Payload, name, StringComparison.Ordinal));
        Assert.Single(minutes.QuerySelectorAll(".attendee"), e => e.GetAttribute("data-name") == Payload + "Gareth Sherratt");
    }

    [Fact]
    public void GivenTheStrictEncoder_ThenItEncodesEveryCharacterThatCanEndAnAttributeOrOpenMarkup() =>
        Assert.Equal("a&lt;&gt;&amp;&quot;&#39;&#96;&#61;b", StrictHtmlEncoder.Encode("a<>&\"'`=b"));

    [Fact]
    public void GivenTextForTheRunningPrintHeader_ThenEveryCharacterButLettersDigitsAndSpacesIsACssEscape() =>
        Assert.Equal("\"OPSG\\5f 1 \\22 \\3c \\2f style\\3e  \\1f600 \"", TemplateFunctions.CssString("OPSG_1 \"</style> \U0001F600").Markup);

    private static int Count(string text, string part) => Regex.Count(text, Regex.Escape(part));
}
