using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Opsg.Functions.Cases;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>One renderer for the pure report tests, built from the templates the app ships.</summary>
public static class Reports
{
    private static readonly Lazy<ReportRenderer> Shared = new(() => new ReportRenderer(TemplatesDirectory));

    public static string TemplatesDirectory => Path.Combine(AppContext.BaseDirectory, "templates");

    public static ReportRenderer Renderer => Shared.Value;

    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    public static IDocument Render(string kind, CaseState state) => Parse(Renderer.Render(kind, state));

    public static string Text(this IElement? element) =>
        System.Text.RegularExpressions.Regex.Replace(element?.TextContent ?? throw new InvalidOperationException("No such element."), @"\s+", " ").Trim();
}
