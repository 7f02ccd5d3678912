namespace Opsg.Functions.Reports;

/// <summary>
/// LSC × (OPSG, TAG) as a grid of cells, each carrying its RAG word so the picture reads without
/// colour; "Not given" where that body gave no view.
/// </summary>
public static class RagGridPicture
{
    private const int LabelWidth = 80;
    private const int CellWidth = 150;
    private const int CellHeight = 28;
    private const int Gap = 4;
    private const int Top = 30;
    private const int HeadingY = 20;
    private static readonly string[] Bodies = ["OPSG", "TAG"];

    public static TrustedHtml Draw(IReadOnlyList<LscRow> criteria)
    {
        var width = LabelWidth + Bodies.Length * CellWidth + Gap + 8;
        var height = Top + Math.Max(criteria.Count, 1) * (CellHeight + Gap) + 4;
        var svg = new SvgMarkup()
            .Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("class", "picture rag-grid"), ("id", "rag-grid"), ("width", width), ("height", height),
                ("viewBox", $"0 0 {width} {height}"), ("role", "img"), ("aria-labelledby", "rag-grid-title")).Line()
            .TextElement("title", "RAG status of each Live Service Criterion, OPSG and TAG views", ("id", "rag-grid-title")).Line();
        for (var col = 0; col < Bodies.Length; col++)
            svg.TextElement("text", Bodies[col], ("x", ColumnX(col) + CellWidth / 2), ("y", HeadingY), ("text-anchor", "middle"), ("class", "svg-heading"));
        svg.Line();
        for (var row = 0; row < criteria.Count; row++)
        {
            var lsc = criteria[row];
            var y = Top + row * (CellHeight + Gap);
            var textY = y + CellHeight / 2 + 5;
            svg.Open("g", ("data-lsc", lsc.Lsc))
                .TextElement("text", $"LSC {lsc.Lsc}", ("x", 8), ("y", textY), ("class", "svg-label"));
            foreach (var (body, view, col) in new[] { ("OPSG", lsc.Opsg, 0), ("TAG", lsc.Tag, 1) })
            {
                var x = ColumnX(col);
                svg.Open("g", ("data-body", body), ("data-rag", view.Rag.Word))
                    .Empty("rect", ("x", x), ("y", y), ("width", CellWidth), ("height", CellHeight), ("rx", 3), ("class", $"cell cell-{view.Rag.Key}"))
                    .TextElement("text", view.Rag.Word, ("x", x + CellWidth / 2), ("y", textY), ("text-anchor", "middle"), ("class", $"cell-text cell-text-{view.Rag.Key}"))
                    .Close("g");
            }
            svg.Close("g").Line();
        }
        return svg.Close("svg").ToTrustedHtml();
    }

    private static int ColumnX(int col) => LabelWidth + col * (CellWidth + Gap);
}
