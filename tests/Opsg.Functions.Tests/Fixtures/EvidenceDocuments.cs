using System.IO.Compression;
using System.Text;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>Small but real evidence documents, built in memory: a PDF and Office Open XML packages.</summary>
public static class EvidenceDocuments
{
    /// <summary>
    /// A small but complete PDF: header, binary marker, one empty page, cross-reference table; <paramref name="catalog"/>
    /// adds entries to its catalog (an /OpenAction, say) and <paramref name="more"/> objects after the page's.
    /// </summary>
    public static byte[] PdfDocument(string text = "BCDR plan", string catalog = "", params string[] more)
    {
        var body = new MemoryStream();
        void Write(string s) => body.Write(Encoding.Latin1.GetBytes(s));
        Write("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<long>();
        string[] objects =
        [
            $"<< /Type /Catalog /Pages 2 0 R {catalog}>>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            $"<< /Length {text.Length + 20} >>\nstream\nBT /F1 12 Tf ({text}) Tj ET\nendstream",
            .. more,
        ];
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(body.Position);
            Write($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = body.Position;
        Write($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
        Write($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return body.ToArray();
    }

    /// <summary>An Office Open XML package with the given parts (name → XML).</summary>
    public static byte[] Package(params (string Name, string Xml)[] parts)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in parts)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(xml));
            }
        }
        return buffer.ToArray();
    }

    private static string ContentTypes(string partName, string contentType) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
        $"<Override PartName=\"/{partName}\" ContentType=\"{contentType}\"/></Types>";

    public static byte[] DocxDocument() => Package(DocxParts);

    private static readonly (string Name, string Xml)[] DocxParts =
    [
        ("[Content_Types].xml", ContentTypes("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"),
        ("word/document.xml", "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>Lessons learned from IOC and FOC.</w:t></w:r></w:p></w:body></w:document>"),
    ];

    /// <summary>The DOCX with more parts, or other versions of its own (by name).</summary>
    public static byte[] DocxWith(params (string Name, string Xml)[] parts) =>
        Package([.. DocxParts.Where(p => parts.All(q => q.Name != p.Name)), .. parts]);

    /// <summary>The DOCX saved as macro-enabled (.docm): its main part's content type says so.</summary>
    public static string MacroEnabledContentTypes =>
        ContentTypes("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml");

    public static byte[] XlsxDocument() => Package(
        ("[Content_Types].xml", ContentTypes("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets><sheet name=\"Migrations\" sheetId=\"1\"/></sheets></workbook>"));

    public static byte[] PresentationPackage() => Package(
        ("[Content_Types].xml", ContentTypes("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")),
        ("ppt/presentation.xml", "<?xml version=\"1.0\"?><p:presentation xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"/>"));

    public static byte[] Document(string kind) => kind switch
    {
        "pdf" => PdfDocument(),
        "docx" => DocxDocument(),
        "xlsx" => XlsxDocument(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
