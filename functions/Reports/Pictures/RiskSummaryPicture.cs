namespace Opsg.Functions.Reports;

/// <summary>
/// Residual risks counted by where they stand (the OPSG's decision, as the TAG's view has settled any
/// removal left pending on it), as horizontal bars with the count written out. "Needs TAG approval" is a
/// hatched bar in a colour no RAG status uses, so it cannot be read as RED; a risk accepted with its
/// removal pending the TAG is an accepted risk, solid, outlined in the TAG's colour.
/// </summary>
public static class RiskSummaryPicture
{
    private const int LabelWidth = 260;
    private const int MaxBar = 260;
    private const int BarHeight = 22;
    private const int Gap = 8;
    // The stylesheet fills .bar-needs-tag-approval with this pattern.
    private const string HatchId = "awaiting-tag-hatch";

    private static readonly (string Key, string Label)[] Order =
    [
        ("accepted", "Accepted"),
        ("accepted-removal-pending-tag-approval", "Accepted; removal pending TAG approval"),
        ("accepted-subject-to-action", "Accepted subject to an action"),
        ("removed", "Removed"),
        ("needs-tag-approval", "Needs TAG approval"),
        ("none", "Not yet decided"),
    ];

    public static TrustedHtml Draw(IReadOnlyList<RiskRow> risks)
    {
        var counts = risks.GroupBy(r => r.StandingKey).ToDictionary(g => g.Key, g => g.Count());
        var most = Math.Max(1, counts.Values.DefaultIfEmpty(0).Max());
        var width = LabelWidth + MaxBar + 50;
        var height = 8 + Order.Length * (BarHeight + Gap);
        var svg = new SvgMarkup()
            .Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("class", "picture risk-summary"), ("id", "risk-summary"), ("width", width), ("height", height),
                ("viewBox", $"0 0 {width} {height}"), ("role", "img"), ("aria-labelledby", "risk-summary-title")).Line()
            .TextElement("title", $"{ReportFormats.Capitalised(ReportFormats.Count(risks.Count, "residual risk", "residual risks"))} by OPSG decision", ("id", "risk-summary-title")).Line()
            .Open("defs")
            .Open("pattern", ("id", HatchId), ("width", 6), ("height", 6), ("patternUnits", "userSpaceOnUse"), ("patternTransform", "rotate(45)"))
            .Empty("rect", ("width", 6), ("height", 6), ("class", "hatch-ground"))
            .Empty("line", ("x1", 0), ("y1", 0), ("x2", 0), ("y2", 6), ("class", "hatch-line"))
            .Close("pattern").Close("defs").Line();
        for (var i = 0; i < Order.Length; i++)
        {
            var (key, label) = Order[i];
            var count = counts.GetValueOrDefault(key);
            var y = 8 + i * (BarHeight + Gap);
            var textY = y + BarHeight / 2 + 5;
            var barWidth = count == 0 ? 0 : Math.Max(4, count * MaxBar / most);
            svg.Open("g", ("data-decision", key), ("data-count", count))
                .TextElement("text", label, ("x", 0), ("y", textY), ("class", "svg-label"))
                .Empty("rect", ("x", LabelWidth), ("y", y), ("width", barWidth), ("height", BarHeight), ("rx", 2), ("class", $"bar bar-{key}"))
                .TextElement("text", ReportFormats.Thousands(count), ("x", LabelWidth + barWidth + 8), ("y", textY), ("class", "svg-count"))
                .Close("g").Line();
        }
        return svg.Close("svg").ToTrustedHtml();
    }
}
