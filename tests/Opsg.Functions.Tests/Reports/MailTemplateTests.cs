using System.Text.RegularExpressions;
using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>
/// The email templates (templates/mail): each rendered with a full sample model, strict like the reports; hostile
/// text comes out of the HTML part encoded and out of the text part exactly as it was written, never encoded and
/// never run as an expression; and the HTML part is valid HTML.
/// </summary>
public sealed class MailTemplateTests : IDisposable
{
    private const string Payload = "<img src=x onerror=alert(1)>' onmouseover='x\"><svg onload=x>{{ 7*7 }}`javascript:x & ";
    private static readonly Lazy<IReadOnlyDictionary<string, RenderedMail>> Hostile = new(() => SampleMails.With(text => Payload + text));
    private readonly string _directory = Directory.CreateTempSubdirectory("opsg-mail-templates-").FullName;

    [Fact]
    public void GivenEveryEmailTemplateTheAppShips_ThenASampleRendersIt_AndNoneIsTakenForAReport()
    {
        var shipped = Directory.GetFiles(Path.Combine(TemplatesDirectory, MailRenderer.Folder)).Select(Path.GetFileNameWithoutExtension).Distinct().Order().ToList();
        Assert.Equal(shipped, SampleMails.Renderer.Names.Order());
        Assert.All(shipped, name => Assert.Contains(SampleMails.All.Keys, sample => sample.StartsWith(name!, StringComparison.Ordinal)));
        Assert.DoesNotContain(Renderer.Kinds, kind => shipped.Contains(kind));
    }

    [Theory]
    [MemberData(nameof(SampleMails.Names), MemberType = typeof(SampleMails))]
    public void GivenASampleEmail_ThenBothPartsLeadWithTheClassification(string name)
    {
        var mail = SampleMails.All[name];
        Assert.StartsWith("Classification: ", mail.Text, StringComparison.Ordinal);
        var body = Parse(mail.Html).Body!;
        Assert.StartsWith("Classification: ", body.Text(), StringComparison.Ordinal);
        Assert.Empty(body.QuerySelectorAll("img, script, style, link, iframe, object"));
    }

    [Theory]
    [MemberData(nameof(SampleMails.Names), MemberType = typeof(SampleMails))]
    public void GivenHostileTextInEveryField_ThenTheHtmlPartEncodesIt_AndTheTextPartCarriesItAsWritten(string name)
    {
        var mail = Hostile.Value[name];
        var document = Parse(mail.Html);
        var attributes = document.QuerySelectorAll("*").SelectMany(e => e.Attributes).ToList();

        Assert.Empty(document.QuerySelectorAll("script, img, svg, iframe, object, embed"));
        Assert.DoesNotContain(attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("onerror=", mail.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("`", mail.Html, StringComparison.Ordinal);
        Assert.Contains(Payload, document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Count(document.Body!.TextContent, Payload), Count(document.Body!.TextContent, "{{ 7*7 }}"));

        // The text part is read as text: an entity there would be shown to the reader as "&amp;".
        Assert.Contains(Payload, mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("49", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenTheSampleEmails_WhenTheNuHtmlCheckerReadsTheirHtmlParts_ThenItFindsNoErrorAndNoWarning()
    {
        var files = SampleMails.All.ToDictionary(m => m.Key, m =>
        {
            var path = Path.Combine(_directory, m.Key + ".html");
            File.WriteAllText(path, m.Value.Html);
            return path;
        });
        var messages = await NuHtmlChecker.CheckAsync([.. files.Values]);
        Assert.All(files, file =>
        {
            var problems = messages[file.Value].Where(m => m.IsError || m.IsWarning).ToList();
            Assert.True(problems.Count == 0, $"{file.Key}:\n" + string.Join("\n", problems));
        });
    }

    [Theory]
    [InlineData("{{ noSuchVariable }}", "noSuchVariable")]
    [InlineData("{{ include 'styles' }}", "styles")]
    public void GivenATextTemplateNamingSomethingTheModelDoesNotHave_WhenRendered_ThenRenderingFails(string template, string named)
    {
        var renderer = RendererFor(template, "<p>{{ recipientName }}</p>");
        var failure = Assert.ThrowsAny<Exception>(() => renderer.Render("probe", new { RecipientName = "x" }));
        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenOneValue_WhenRendered_ThenTheHtmlPartEncodesIt_AndTheTextPartDoesNot()
    {
        var mail = RendererFor("{{ recipientName }}", "{{ recipientName }}").Render("probe", new { RecipientName = "A & 'B' <c>" });
        Assert.Equal(("A & 'B' <c>", "A &amp; &#39;B&#39; &lt;c&gt;"), (mail.Text, mail.Html));
    }

    [Fact]
    public void GivenMarkupBuiltInCode_WhenWrittenIntoTheTextPart_ThenRefused()
    {
        var renderer = RendererFor("{{ cssString recipientName }}", "x");
        Assert.ThrowsAny<Exception>(() => renderer.Render("probe", new { RecipientName = "x" }));
    }

    [Fact]
    public void GivenHalfAPair_WhenTheRendererStarts_ThenItRefusesToStart()
    {
        Directory.CreateDirectory(Path.Combine(_directory, MailRenderer.Folder));
        File.WriteAllText(Path.Combine(_directory, MailRenderer.Folder, "lonely" + MailRenderer.TextExtension), "x");
        var failure = Assert.Throws<InvalidOperationException>(() => new MailRenderer(_directory));
        Assert.Contains("lonely", failure.Message, StringComparison.Ordinal);
    }

    private MailRenderer RendererFor(string text, string html)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, MailRenderer.Folder)).FullName;
        File.WriteAllText(Path.Combine(folder, "probe" + MailRenderer.TextExtension), text);
        File.WriteAllText(Path.Combine(folder, "probe" + ReportRenderer.Extension), html);
        return new MailRenderer(_directory);
    }

    private static int Count(string text, string part) => Regex.Count(text, Regex.Escape(part));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
