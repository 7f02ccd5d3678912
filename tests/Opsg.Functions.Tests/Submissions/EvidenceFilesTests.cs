using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Opsg.Functions.Submissions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Submissions;

/// <summary>
/// Evidence bytes inspected as a pure function: the kind they are, and whether they carry anything that runs or
/// reaches out when opened (macros, ActiveX, external relationships, JavaScript, launch actions); zip bombs cost little.
/// </summary>
public sealed class EvidenceFilesTests
{
    private const string Rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    private const string Template = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate";

    [Theory]
    [InlineData("pdf", EvidenceKind.Pdf)]
    [InlineData("docx", EvidenceKind.Docx)]
    [InlineData("xlsx", EvidenceKind.Xlsx)]
    public void APlainDocument_IsItsKind_WithNoActiveContent(string kind, EvidenceKind expected) =>
        Assert.Equal(new EvidenceContent(expected, null), EvidenceFiles.Inspect(EvidenceDocuments.Document(kind)));

    public static TheoryData<string, byte[], string> ActiveOfficeDocuments => new()
    {
        { "a VBA project", EvidenceDocuments.DocxWith(("word/vbaProject.bin", "binary")), "macros (word/vbaProject.bin)" },
        { "a macro-enabled content type", EvidenceDocuments.DocxWith(("[Content_Types].xml", EvidenceDocuments.MacroEnabledContentTypes)), "macros ([Content_Types].xml)" },
        { "an ActiveX part", EvidenceDocuments.DocxWith(("word/activeX/activeX1.xml", "<ax:ocx xmlns:ax=\"http://schemas.microsoft.com/office/2006/activeX\"/>")), "ActiveX controls (word/activeX/activeX1.xml)" },
        { "a remote template", EvidenceDocuments.DocxWith(("word/_rels/settings.xml.rels", Rels + $"<Relationship Id=\"rId1\" Type=\"{Template}\" Target=\"https://example.org/t.dotm\" TargetMode=\"External\"/></Relationships>")), "an external relationship (word/_rels/settings.xml.rels)" },
        { "an external relationship written loosely", EvidenceDocuments.DocxWith(("word/_rels/document.xml.rels", Rels + $"<Relationship TargetMode = ' external ' Id='rId9' Type='{Template}' Target='\\\\host\\share'/></Relationships>")), "an external relationship (word/_rels/document.xml.rels)" },
        { "a relationships part with a DTD", EvidenceDocuments.DocxWith(("_rels/.rels", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"External\">]>" + Rels + "<Relationship Id=\"a\" Target=\"b\" TargetMode=\"&x;\"/></Relationships>")), "a part that is not well-formed XML (_rels/.rels)" },
    };

    [Theory]
    [MemberData(nameof(ActiveOfficeDocuments))]
    public void AnOfficeDocumentCarrying_IsRefusedNamingWhatAndWhere(string what, byte[] document, string found)
    {
        var content = EvidenceFiles.Inspect(document);

        Assert.True(content.Kind == EvidenceKind.Docx, what);
        Assert.Equal(found, content.ActiveContent);
        var refusal = EvidenceFiles.ActiveContentRefusal(content.ActiveContent);
        Assert.Equal(422, refusal?.Status);
        Assert.Contains(found, refusal!.Detail);
    }

    [Fact]
    public void AHyperlink_IsNoActiveContent_ThoughItsTargetIsExternal() =>
        Assert.Null(EvidenceFiles.Inspect(EvidenceDocuments.DocxWith(("word/_rels/document.xml.rels",
            Rels + "<Relationship Id=\"rId9\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://smartenergycodecompany.co.uk/\" TargetMode=\"External\"/></Relationships>"))).ActiveContent);

    [Fact]
    public void AnInternalRelationship_IsNoActiveContent() =>
        Assert.Null(EvidenceFiles.Inspect(EvidenceDocuments.DocxWith(("word/_rels/document.xml.rels",
            Rels + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\" TargetMode=\"Internal\"/></Relationships>"))).ActiveContent);

    [Fact]
    public void ARelationshipsPartInflatingPastItsBound_IsRefusedAfterReadingOnlyTheBound()
    {
        // 200 MB of spaces deflate to about 200 KB: the bomb is refused on its first megabyte.
        var bomb = new MemoryStream();
        using (var zip = new ZipArchive(bomb, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, xml) in new[] { ("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document xmlns:w=\"w\"/>") })
            {
                using var part = zip.CreateEntry(name).Open();
                part.Write(Encoding.UTF8.GetBytes(xml));
            }
            using var rels = zip.CreateEntry("word/_rels/document.xml.rels", CompressionLevel.SmallestSize).Open();
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 200; i++) rels.Write(spaces);
        }
        var clock = Stopwatch.StartNew();

        var content = EvidenceFiles.Inspect(bomb.ToArray());

        Assert.Equal("a part too large to inspect (word/_rels/document.xml.rels)", content.ActiveContent);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void ManyRelationshipPartsEachWithinItsBound_AreBoundedInAll()
    {
        // 2,000 parts of 8 KB each inflate to 16 MB, twice what the inspection reads.
        var padding = new string(' ', 8 * 1024);
        var parts = Enumerable.Range(0, 2_000).Select(i => ($"word/_rels/p{i}.xml.rels", Rels + padding + "</Relationships>")).ToArray();

        Assert.StartsWith("a part too large to inspect", EvidenceFiles.Inspect(EvidenceDocuments.DocxWith(parts)).ActiveContent);
    }

    [Fact]
    public void APackageOfMorePartsThanAnyDocumentHas_IsRefusedBeforeItsPartsAreRead()
    {
        var parts = Enumerable.Range(0, OfficePackage.MaxParts).Select(i => ($"word/media/p{i}.xml", "")).ToArray();

        Assert.Equal(new EvidenceContent(null, $"more than {OfficePackage.MaxParts} parts, too many to inspect"), EvidenceFiles.Inspect(EvidenceDocuments.DocxWith(parts)));
    }

    public static TheoryData<string, string, string> ActivePdfs => new()
    {
        { "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", "", "JavaScript (/JavaScript)" },
        { "/OpenAction 5 0 R", "<< /JS (app.alert(2)) >>", "JavaScript (/JS)" },
        { "/OpenAction << /S /Launch /F (calc.exe) >>", "", "a launch action (/Launch)" },
        { "/OpenAction << /S /J#61vaScript /J#53 (x) >>", "", "JavaScript (/JavaScript)" },
        { "/Names << /#4A#61#76#61#53#63#72#69#70#74 6 0 R >>", "", "JavaScript (/JavaScript)" },
    };

    [Theory]
    [MemberData(nameof(ActivePdfs))]
    public void APdfNamingAnAction_IsRefusedNamingIt(string catalog, string more, string found) =>
        Assert.Equal(new EvidenceContent(EvidenceKind.Pdf, found), EvidenceFiles.Inspect(EvidenceDocuments.PdfDocument("plan", catalog, more)));

    [Theory]
    [InlineData("/JSON (not a script)")]
    [InlineData("/Launcher 1 /JavaScripts 2")]
    [InlineData("/PageMode /UseOutlines")]
    public void APdfWithNamesThatOnlyStartAlike_IsPlain(string catalog) =>
        Assert.Null(EvidenceFiles.Inspect(EvidenceDocuments.PdfDocument("plan", catalog)).ActiveContent);

    [Fact]
    public void ACompressedStreamsBytes_AreNotReadAsNames_ButAnUncompressedStreamsAre()
    {
        const string Compressed = "<< /Length 9 /Filter /FlateDecode >>\nstream\nx/JS (q)\nendstream";
        Assert.Null(EvidenceFiles.Inspect(EvidenceDocuments.PdfDocument("plan", "", Compressed)).ActiveContent);
        Assert.Equal("a launch action (/Launch)", EvidenceFiles.Inspect(EvidenceDocuments.PdfDocument("plan", "", Compressed, "<< /S /Launch /F 5 0 R >>")).ActiveContent);
        Assert.Equal("JavaScript (/JS)", EvidenceFiles.Inspect(EvidenceDocuments.PdfDocument("plan", "", "<< /Length 9 >>\nstream\nx/JS (q)\nendstream")).ActiveContent);
    }
}
