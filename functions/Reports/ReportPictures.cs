namespace Opsg.Functions.Reports;

// Inline SVG pictures, laid out here (pure arithmetic) and drawn by partials, so every piece of
// text in them goes through the same escaping as the rest of the report.

public sealed record GridCell(int X, int Y, int Width, int Height, int TextX, int TextY, string Body, RagBadge Rag);

public sealed record GridRow(int Lsc, int LabelX, int TextY, IReadOnlyList<GridCell> Cells);

public sealed record GridHeading(int X, string Text);

/// <summary>LSC × (OPSG, TAG): each cell carries the RAG word, so the picture reads without colour.</summary>
public sealed record RagGrid(int Width, int Height, int HeadingY, IReadOnlyList<GridHeading> Headings, IReadOnlyList<GridRow> Rows)
{
    private const int LabelWidth = 80;
    private const int CellWidth = 150;
    private const int CellHeight = 28;
    private const int Gap = 4;
    private const int Top = 30;

    public static RagGrid For(IReadOnlyList<LscRow> criteria)
    {
        var rows = criteria.Select((row, i) =>
        {
            var y = Top + i * (CellHeight + Gap);
            var cells = new[] { ("OPSG", row.Opsg), ("TAG", row.Tag) }.Select((c, col) =>
            {
                var x = LabelWidth + col * (CellWidth + Gap);
                return new GridCell(x, y, CellWidth, CellHeight, x + CellWidth / 2, y + CellHeight / 2 + 5, c.Item1, c.Item2.Rag);
            }).ToList();
            return new GridRow(row.Lsc, 8, y + CellHeight / 2 + 5, cells);
        }).ToList();
        var headings = new[] { "OPSG", "TAG" }.Select((text, col) => new GridHeading(LabelWidth + col * (CellWidth + Gap) + CellWidth / 2, text)).ToList();
        return new RagGrid(LabelWidth + 2 * CellWidth + Gap + 8, Top + Math.Max(rows.Count, 1) * (CellHeight + Gap) + 4, 20, headings, rows);
    }
}

public sealed record SummaryBar(string Label, string Key, int Count, int Y, int BarX, int BarWidth, int TextY, int CountX);

/// <summary>Residual risks counted by the OPSG's decision, as horizontal bars with the count written out.</summary>
public sealed record RiskSummaryChart(int Width, int Height, int Total, IReadOnlyList<SummaryBar> Bars)
{
    private const int LabelWidth = 220;
    private const int MaxBar = 260;
    private const int BarHeight = 22;
    private const int Gap = 8;

    private static readonly (string Key, string Label)[] Order =
    [
        ("accepted", "Accepted"),
        ("accepted-subject-to-action", "Accepted subject to an action"),
        ("removed", "Removed"),
        ("needs-tag-approval", "Needs TAG approval"),
        ("none", "Not yet decided"),
    ];

    public static RiskSummaryChart For(IReadOnlyList<RiskRow> risks)
    {
        var counts = risks.GroupBy(r => r.DecisionKey).ToDictionary(g => g.Key, g => g.Count());
        var most = Math.Max(1, counts.Values.DefaultIfEmpty(0).Max());
        var bars = Order.Select((o, i) =>
        {
            var count = counts.GetValueOrDefault(o.Key);
            var y = 8 + i * (BarHeight + Gap);
            var width = count == 0 ? 0 : Math.Max(4, count * MaxBar / most);
            return new SummaryBar(o.Label, o.Key, count, y, LabelWidth, width, y + BarHeight / 2 + 5, LabelWidth + width + 8);
        }).ToList();
        return new RiskSummaryChart(LabelWidth + MaxBar + 50, 8 + Order.Length * (BarHeight + Gap), risks.Count, bars);
    }
}
