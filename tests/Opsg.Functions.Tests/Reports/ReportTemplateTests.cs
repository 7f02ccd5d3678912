using Opsg.Functions.Meetings;
using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Reports;

/// <summary>
/// How the renderer runs a template: parsed at start-up, strict about names, partials included once
/// encoded, code-built markup only as <see cref="TrustedHtml"/>. Each test renders a template of its
/// own from a temporary templates folder.
/// </summary>
public sealed class ReportTemplateTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("opsg-templates-").FullName;

    public ReportTemplateTests() => Directory.CreateDirectory(Path.Combine(_directory, "partials"));

    [Fact]
    public void GivenEveryTemplateTheAppShips_ThenTheSampleDocumentsRenderEachOfThem()
    {
        // The full sample is what proves the templates strict: a template it leaves out proves nothing.
        var shipped = Directory.GetFiles(Fixtures.Reports.TemplatesDirectory, "*" + ReportRenderer.Extension, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}partials{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}{MailRenderer.Folder}{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetFileName(f)[..^ReportRenderer.Extension.Length]).Order().ToList();
        Assert.Equal(ReportKinds.All.Append(ActionsRegisterAcrossMeetings.Page).Append(MinutesModel.TemplateName).Append(IssuesLogPage.Page).Order(), shipped);
        Assert.All(shipped, kind => Assert.Contains(SampleDocuments.Names, name => name.StartsWith(kind, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("{{ header.noSuchMember }}", "noSuchMember")]
    [InlineData("{{ noSuchVariable }}", "noSuchVariable")]
    [InlineData("{{ header.title.noSuchMember }}", "noSuchMember")]
    [InlineData("{{ include 'no-such-partial' }}", "no-such-partial")]
    [InlineData("{{ noSuchFunction header }}", "noSuchFunction")]
    [InlineData("{{ formatDate caseTitle }}", "formatDate")]
    public void GivenATemplateNamingSomethingTheModelDoesNotHave_WhenRendered_ThenRenderingFails(string template, string named)
    {
        var renderer = RendererFor(template);
        var failure = Assert.ThrowsAny<Exception>(() => renderer.Render(ReportKinds.ReadinessPack, Seed002Recorded.State()));
        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void GivenATemplateThatDoesNotParse_WhenTheRendererStarts_ThenItRefusesToStart()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => RendererFor("{{ if caseTitle }}never closed"));
        Assert.Contains(ReportKinds.ReadinessPack, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenMarkupInAValue_WhenWrittenDirectlyOrThroughAPartial_ThenItIsEncodedExactlyOnce()
    {
        File.WriteAllText(Path.Combine(_directory, "partials", "cell.sbn-html"), "<td>{{ $text }}</td>\n");
        var state = Seed002Recorded.State() with { Opened = new("<b title='x'>A&B</b>", Opsg.Functions.Records.Classification.Publishable, "OPSG_1", null) };

        var html = RendererFor("<p>{{ caseTitle }}</p><tr>\n    {{ include 'cell' text: caseTitle }}\n</tr>").Render(ReportKinds.ReadinessPack, state);

        const string encoded = "&lt;b title&#61;&#39;x&#39;&gt;A&amp;B&lt;/b&gt;";
        Assert.Equal($"<p>{encoded}</p><tr>\n    <td>{encoded}</td>\n</tr>", html);
    }

    [Fact]
    public void GivenAPictureDrawnInCode_ThenItIsWrittenAsMarkup_AndItsTextIsEncoded()
    {
        var criteria = new[] { new LscRow(1, "x", "", "OPSG", LscView.NotGiven with { Rag = new RagBadge("<RED>", "red") }, LscView.NotGiven, "", false, []) };

        var picture = RagGridPicture.Draw(criteria).Markup;

        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", picture, StringComparison.Ordinal);
        Assert.Contains("data-rag=\"&lt;RED&gt;\"", picture, StringComparison.Ordinal);
        Assert.Contains(">&lt;RED&gt;</text>", picture, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenNumbersAndDates_ThenTheyAreWrittenTheBritishWay()
    {
        var html = RendererFor("{{ formatNumber cohort.activeInstallations }} | {{ formatDate meetingDate }}", ReportKinds.DraftMinutes).Render(ReportKinds.DraftMinutes, Seed002Recorded.State());
        Assert.Equal("98,218 | 28 February 2020", html);
    }

    [Fact]
    public void GivenAPageOrAReportChange_ThenOnlyTheReportChangesTheTemplateHash()
    {
        File.WriteAllText(Path.Combine(_directory, ReportKinds.ReadinessPack + ReportRenderer.Extension), "{{ caseTitle }}");
        Directory.CreateDirectory(Path.Combine(_directory, "pages"));
        var page = Path.Combine(_directory, "pages", "live" + ReportRenderer.Extension);
        File.WriteAllText(page, "one");
        var before = new ReportRenderer(_directory).TemplateHash;

        File.WriteAllText(page, "two");
        Assert.Equal(before, new ReportRenderer(_directory).TemplateHash);

        File.WriteAllText(Path.Combine(_directory, "partials", "new" + ReportRenderer.Extension), "three");
        Assert.NotEqual(before, new ReportRenderer(_directory).TemplateHash);
    }

    private ReportRenderer RendererFor(string template, string kind = ReportKinds.ReadinessPack)
    {
        File.WriteAllText(Path.Combine(_directory, kind + ReportRenderer.Extension), template);
        return new ReportRenderer(_directory);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
