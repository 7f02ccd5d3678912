using System.IO.Compression;

namespace Opsg.Functions.Submissions;

/// <summary>
/// Recognises an evidence document by its content, never by its name: PDF by its header, DOCX and
/// XLSX as Office Open XML packages (zip) holding a Word document or an Excel workbook part.
/// </summary>
public static class EvidenceFiles
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public static EvidenceKind? Recognise(ReadOnlyMemory<byte> content)
    {
        var bytes = content.Span;
        if (bytes.StartsWith("%PDF-"u8)) return EvidenceKind.Pdf;
        if (!bytes.StartsWith("PK\u0003\u0004"u8)) return null;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            var parts = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (!parts.Contains("[Content_Types].xml")) return null;
            if (parts.Contains("word/document.xml")) return EvidenceKind.Docx;
            if (parts.Contains("xl/workbook.xml")) return EvidenceKind.Xlsx;
            return null;
        }
        catch (InvalidDataException) { return null; }
    }

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
