using System.Net;
using System.Text;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Submissions;

/// <summary>
/// Evidence is recognised by what it holds, not by its name or declared type: a file that is not the document it claims
/// to be is refused (415), and a document carrying active content (macros, ActiveX, external relationships, PDF
/// JavaScript or launch actions) is refused naming it (422); either leaves nothing recorded or stored.
/// </summary>
public sealed partial class EvidenceTests
{
    public static TheoryData<string, string> Mislabelled() => new()
    {
        { "html named .pdf", "statement.pdf" },
        { "docx named .pdf", "lessons.pdf" },
        { "xlsx named .docx", "volumes.docx" },
        { "pdf named .xlsx", "plan.xlsx" },
        { "zip of neither named .docx", "slides.docx" },
        { "zip without content types named .xlsx", "volumes.xlsx" },
        { "text named .pdf", "notes.pdf" },
        { "empty named .pdf", "empty.pdf" },
        { "broken zip named .docx", "broken.docx" },
        { "pdf named .exe", "plan.exe" },
        { "pdf with no extension", "plan" },
    };

    private static byte[] MislabelledBytes(string what) => what switch
    {
        "html named .pdf" => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        "docx named .pdf" => EvidenceDocuments.DocxDocument(),
        "xlsx named .docx" => EvidenceDocuments.XlsxDocument(),
        "pdf named .xlsx" or "pdf named .exe" or "pdf with no extension" => EvidenceDocuments.PdfDocument(),
        "zip of neither named .docx" => EvidenceDocuments.PresentationPackage(),
        "zip without content types named .xlsx" => EvidenceDocuments.Package(("xl/workbook.xml", "<workbook/>")),
        "text named .pdf" => Encoding.UTF8.GetBytes("PDF-1.7 is what this would be"),
        "empty named .pdf" => [],
        "broken zip named .docx" => EvidenceDocuments.DocxDocument()[..100],
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    [Theory]
    [MemberData(nameof(Mislabelled))]
    public async Task GivenAMislabelledOrUnknownFile_WhenUploaded_ThenUnsupportedMediaTypeAndNothingRecorded(string what, string fileName)
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        await RefusedAsync(caseId, () => UploadAsync(caseId, MislabelledBytes(what), fileName), HttpStatusCode.UnsupportedMediaType);
    }

    public static TheoryData<string, string, string> ActiveContent() => new()
    {
        { "macros", "lessons.docx", "macros (word/vbaProject.bin)" },
        { "macro-enabled", "lessons.docx", "macros ([Content_Types].xml)" },
        { "ActiveX", "lessons.docx", "ActiveX controls (word/activeX/activeX1.xml)" },
        { "remote template", "lessons.docx", "an external relationship (word/_rels/settings.xml.rels)" },
        { "JavaScript", "plan.pdf", "JavaScript (/JS)" },
        { "escaped JavaScript", "plan.pdf", "JavaScript (/JavaScript)" },
        { "launch action", "plan.pdf", "a launch action (/Launch)" },
    };

    private static byte[] ActiveContentBytes(string what) => what switch
    {
        "macros" => EvidenceDocuments.DocxWith(("word/vbaProject.bin", "VBA")),
        "macro-enabled" => EvidenceDocuments.DocxWith(("[Content_Types].xml", EvidenceDocuments.MacroEnabledContentTypes)),
        "ActiveX" => EvidenceDocuments.DocxWith(("word/activeX/activeX1.xml", "<ax:ocx xmlns:ax=\"http://schemas.microsoft.com/office/2006/activeX\"/>")),
        "remote template" => EvidenceDocuments.DocxWith(("word/_rels/settings.xml.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" " +
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate\" Target=\"https://example.org/t.dotm\" TargetMode=\"External\"/></Relationships>")),
        "JavaScript" => EvidenceDocuments.PdfDocument("js", "/OpenAction << /S /JS (app.alert(1)) >>"),
        "escaped JavaScript" => EvidenceDocuments.PdfDocument("escaped", "/OpenAction << /S /J#61vaScript >>"),
        "launch action" => EvidenceDocuments.PdfDocument("launch", "/OpenAction << /S /Launch /F (cmd.exe) >>"),
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    [Theory]
    [MemberData(nameof(ActiveContent))]
    public async Task GivenADocumentCarryingActiveContent_WhenUploaded_ThenUnprocessableNamingItAndNothingRecorded(string what, string fileName, string found)
    {
        var caseId = await cases.SharedAsync(Stage.Submitted);
        var problem = await RefusedAsync(caseId, () => UploadAsync(caseId, ActiveContentBytes(what), fileName), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(found, problem.Text("detail"));
    }
}
