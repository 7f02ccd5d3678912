using System.Buffers.Binary;
using System.IO.Compression;
using System.Xml;

namespace Opsg.Functions.Submissions;

/// <summary>
/// An Office Open XML package (a zip) as far as evidence needs it: the names of its parts, and the first thing in it
/// that runs or reaches out when the file is opened (macros, ActiveX controls, a relationship to an external target).
/// Read within bounds, so a zip bomb costs at most <see cref="MaxInspectedBytes"/> of inflating: the part count is
/// read off the zip's end record before any entry is, and only the content types and relationship parts are
/// inflated, each through a counted window.
/// </summary>
public sealed record OfficePackage(IReadOnlySet<string> Parts, string? ActiveContent)
{
    /// <summary>Real documents have tens of parts, a large workbook some hundreds.</summary>
    public const int MaxParts = 5_000;
    public const int MaxPartBytes = 1024 * 1024;
    public const int MaxInspectedBytes = 8 * 1024 * 1024;

    private const string ContentTypesPart = "[Content_Types].xml";
    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxPartBytes,
    };

    /// <summary>The package, or null when the bytes are not a zip that can be read.</summary>
    public static OfficePackage? Open(ReadOnlyMemory<byte> content)
    {
        if (DeclaredEntries(content.Span) is not { } declared) return null;
        if (declared > MaxParts) return new(new HashSet<string>(), $"more than {MaxParts} parts, too many to inspect");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray(), writable: false), ZipArchiveMode.Read);
            var parts = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            return new(parts, parts.Count > MaxParts ? $"more than {MaxParts} parts, too many to inspect" : ActiveContentOf(zip));
        }
        catch (InvalidDataException) { return null; }
    }

    private static string? ActiveContentOf(ZipArchive zip)
    {
        var budget = MaxInspectedBytes;
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            if (name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)) return $"macros ({name})";
            if (name.Contains("activeX/", StringComparison.OrdinalIgnoreCase)) return $"ActiveX controls ({name})";
            var isContentTypes = name == ContentTypesPart;
            if (!isContentTypes && !name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)) continue;

            if (Inflate(entry, ref budget) is not { } xml) return $"a part too large to inspect ({name})";
            if (Elements(xml, isContentTypes ? "ContentType" : "TargetMode") is not { } values) return $"a part that is not well-formed XML ({name})";
            var found = isContentTypes ? ActiveContentType([.. values.Select(v => v.Value)]) : ExternalRelationship(values);
            if (found is not null) return $"{found} ({name})";
        }
        return null;
    }

    /// <summary>A macro-enabled document (.docm, .xlsm, …) or a VBA project or ActiveX control declared by its content type.</summary>
    private static string? ActiveContentType(List<string> contentTypes) =>
        contentTypes.Select(type =>
            type.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || type.Contains("vbaProject", StringComparison.OrdinalIgnoreCase) ? "macros"
            : type.Contains("activeX", StringComparison.OrdinalIgnoreCase) ? "ActiveX controls"
            : null).FirstOrDefault(found => found is not null);

    /// <summary>
    /// A relationship Office follows outside the package by itself when the file opens: a remote template, a linked
    /// image, frame or object. A hyperlink is external too, but only followed when a reader clicks it, and readiness
    /// evidence is full of them (a refused hyperlink would refuse most real documents), so it passes.
    /// </summary>
    private static string? ExternalRelationship(List<(string Value, string? Type)> targetModes) =>
        targetModes.Any(mode => string.Equals(mode.Value.Trim(), "External", StringComparison.OrdinalIgnoreCase)
            && !(mode.Type ?? "").EndsWith("/hyperlink", StringComparison.Ordinal))
            ? "an external relationship" : null;

    /// <summary>
    /// Every value of the attribute in the part, with its element's relationship Type; null when the part is not
    /// well-formed XML (or declares a DTD).
    /// </summary>
    private static List<(string Value, string? Type)>? Elements(byte[] xml, string attribute)
    {
        var values = new List<(string, string?)>();
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), Xml);
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.Element && reader.GetAttribute(attribute) is { } value) values.Add((value, reader.GetAttribute("Type")));
        }
        catch (XmlException) { return null; }
        return values;
    }

    /// <summary>The part's bytes, or null when it (or the whole inspection) would pass its bound.</summary>
    private static byte[]? Inflate(ZipArchiveEntry entry, ref int budget)
    {
        // Read in chunks rather than into a window-sized buffer: thousands of tiny parts must not cost a megabyte each.
        var window = Math.Min(MaxPartBytes, budget);
        var part = new MemoryStream();
        var chunk = new byte[16 * 1024];
        using var stream = entry.Open();
        int read;
        while (part.Length <= window && (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, window + 1 - part.Length))) > 0)
            part.Write(chunk, 0, read);
        if (part.Length > window) return null;
        budget -= (int)part.Length;
        return part.ToArray();
    }

    /// <summary>
    /// The entry count the zip's end-of-central-directory record declares (the reader then holds the directory to it),
    /// or null when there is no such record. Zip64's marker (0xFFFF) reads as more than any document has.
    /// </summary>
    private static int? DeclaredEntries(ReadOnlySpan<byte> zip)
    {
        const int RecordLength = 22;
        var searchFrom = Math.Max(0, zip.Length - RecordLength - ushort.MaxValue);
        var at = zip[searchFrom..].LastIndexOf("PK\u0005\u0006"u8);
        if (at < 0 || searchFrom + at + RecordLength > zip.Length) return null;
        var total = BinaryPrimitives.ReadUInt16LittleEndian(zip.Slice(searchFrom + at + 10, 2));
        return total == ushort.MaxValue ? int.MaxValue : total;
    }
}
