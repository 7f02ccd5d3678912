using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Reports;

public sealed class ReportDeterminismTests
{
    public static TheoryData<string> Kinds() => [.. ReportKinds.All];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void GivenTheSameHistoryAndTemplates_WhenRenderedByTwoRenderers_ThenTheBytesAreIdentical(string kind)
    {
        var first = new ReportRenderer(Fixtures.Reports.TemplatesDirectory);
        var second = new ReportRenderer(Fixtures.Reports.TemplatesDirectory);
        Assert.Equal(first.TemplateHash, second.TemplateHash);
        var a = first.Render(kind, FullSample.State());
        var b = second.Render(kind, FullSample.State());
        Assert.Equal(a, b);
        // …and again by the same renderer, on other threads at once: a render shares nothing it could change.
        var parallel = Enumerable.Range(0, 8).AsParallel().Select(_ => first.Render(kind, FullSample.State())).ToList();
        Assert.All(parallel, html => Assert.Equal(a, html));
    }

    [Fact]
    public void GivenADifferentHistory_ThenTheBytesDiffer() =>
        Assert.NotEqual(
            Fixtures.Reports.Renderer.Render(ReportKinds.PanelReport, Seed002Recorded.State()),
            Fixtures.Reports.Renderer.Render(ReportKinds.PanelReport, Seed002Recorded.AtMeeting()));

    [Fact]
    public void GivenEveryKind_ThenTheRendererHasATemplateForIt() =>
        Assert.Equal(ReportKinds.All.Order(), Fixtures.Reports.Renderer.Kinds.Order());
}

public sealed class LargeCaseTests
{
    [Fact]
    public void GivenALargeCase_WhenThePanelReportIsRendered_ThenEveryRowIsThere()
    {
        var report = Fixtures.Reports.Render(ReportKinds.PanelReport, LargeCaseHistory.State());
        Assert.Equal(50, report.QuerySelectorAll("table.lscs tbody tr").Length);
        Assert.Equal(100, report.QuerySelectorAll("table.risks tbody tr").Length);
        Assert.Equal(250, report.QuerySelectorAll("#open-actions tr[data-action]").Length);
        Assert.Equal(50 * 2, report.QuerySelectorAll("#rag-grid g[data-lsc] g[data-body]").Length);
    }
}
