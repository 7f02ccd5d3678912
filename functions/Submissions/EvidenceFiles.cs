using Opsg.Functions.Records;

namespace Opsg.Functions.Submissions;

/// <summary>What an upload's bytes are (null: none of the accepted kinds), and what active content they carry (null: none).</summary>
public sealed record EvidenceContent(EvidenceKind? Kind, string? ActiveContent);

/// <summary>
/// Recognises an evidence document by its content, never by its name: PDF by its header, DOCX and
/// XLSX as Office Open XML packages (zip) holding a Word document or an Excel workbook part; and refuses the ones
/// that carry active content.
/// </summary>
public static class EvidenceFiles
{
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>What the bytes are, and the active content found in them (null: none).</summary>
    public static EvidenceContent Inspect(ReadOnlyMemory<byte> content)
    {
        var bytes = content.Span;
        if (bytes.StartsWith("%PDF-"u8)) return new(EvidenceKind.Pdf, PdfActiveContent.Find(bytes));
        if (!bytes.StartsWith("PK\u0003\u0004"u8) || OfficePackage.Open(content) is not { } package) return Unknown;
        // A package too large to inspect has no parts read, so no kind: its active content is the answer.
        EvidenceKind? kind = !package.Parts.Contains("[Content_Types].xml") ? null
            : package.Parts.Contains("word/document.xml") ? EvidenceKind.Docx
            : package.Parts.Contains("xl/workbook.xml") ? EvidenceKind.Xlsx
            : null;
        return new(kind, package.ActiveContent);
    }

    private static readonly EvidenceContent Unknown = new(null, null);

    /// <summary>
    /// The one rule on what a document may carry: nothing that runs or reaches out when it is opened (macros,
    /// ActiveX, external relationships, JavaScript, launch actions). Null when the upload is acceptable.
    /// </summary>
    public static Rejection? ActiveContentRefusal(string? activeContent) => activeContent is null ? null :
        new Rejection(422, "The document carries active content.",
            $"This file carries {activeContent}. Evidence must carry no macros, ActiveX controls, external " +
            "relationships (links to outside files, templates or web addresses), JavaScript or launch actions; save a copy without them and upload that.");

    public static string Extension(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Pdf => ".pdf",
        EvidenceKind.Docx => ".docx",
        _ => ".xlsx",
    };

    public static string ContentType(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Pdf => "application/pdf",
        EvidenceKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    public static string Describe(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Pdf => "a PDF",
        EvidenceKind.Docx => "a Word document",
        _ => "an Excel workbook",
    };
}
