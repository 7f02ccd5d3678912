namespace Opsg.Functions.Submissions;

/// <summary>
/// The names that make a PDF run something when opened: JavaScript (/JS, /JavaScript) and launch actions (/Launch),
/// found by scanning the file's bytes for them as PDF names, written plainly or with #xx escapes (/J#61vaScript).
/// Streams declared with a /Filter are skipped: their bytes are compressed, so no name can be read there, and random
/// bytes spell a standalone "/JS" about once in 270 MB (a 20 MB scanned document would be refused one time in
/// fourteen). The dictionary naming an action lies outside any stream unless it sits in a compressed object stream,
/// which this does not inflate: Defender for Storage's malware scan on upload (infra) is the second look.
/// </summary>
public static class PdfActiveContent
{
    private const int LongestNameOfInterest = 16;

    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["JS"] = "JavaScript",
        ["JavaScript"] = "JavaScript",
        ["Launch"] = "a launch action",
    };

    /// <summary>What the PDF would run, naming the token found ("JavaScript (/JS)"), or null.</summary>
    public static string? Find(ReadOnlySpan<byte> pdf)
    {
        var filtered = false; // a /Filter since the object began: the stream that follows is compressed
        for (var i = 0; i < pdf.Length; i++)
        {
            if (pdf[i] == '/')
            {
                var (name, end) = Name(pdf, i + 1);
                if (name is not null && Refused.TryGetValue(name, out var what)) return $"{what} (/{name})";
                if (name == "Filter") filtered = true;
                i = end - 1;
            }
            else if (IsKeyword(pdf, i, "obj"u8)) filtered = false;
            else if (filtered && IsKeyword(pdf, i, "stream"u8))
            {
                var endstream = pdf[i..].IndexOf("endstream"u8);
                if (endstream < 0) return null;
                i += endstream + "endstream".Length - 1;
                filtered = false;
            }
        }
        return null;
    }

    /// <summary>The name starting at <paramref name="start"/> (after its '/'), #xx decoded, and where it ends; null when longer than any name of interest.</summary>
    private static (string? Name, int End) Name(ReadOnlySpan<byte> pdf, int start)
    {
        Span<char> decoded = stackalloc char[LongestNameOfInterest];
        var length = 0;
        var i = start;
        while (i < pdf.Length && !IsWhiteSpace(pdf[i]) && !IsDelimiter(pdf[i]))
        {
            var c = (char)pdf[i];
            if (c == '#' && i + 2 < pdf.Length && Hex(pdf[i + 1]) is >= 0 and var high && Hex(pdf[i + 2]) is >= 0 and var low)
            {
                c = (char)(high * 16 + low);
                i += 2;
            }
            if (length < decoded.Length) decoded[length] = c;
            length++;
            i++;
        }
        return (length <= decoded.Length ? new string(decoded[..length]) : null, Math.Max(i, start));
    }

    private static bool IsKeyword(ReadOnlySpan<byte> pdf, int at, ReadOnlySpan<byte> keyword) =>
        pdf[at..].StartsWith(keyword)
        && (at == 0 || IsWhiteSpace(pdf[at - 1]) || IsDelimiter(pdf[at - 1]))
        && (at + keyword.Length == pdf.Length || IsWhiteSpace(pdf[at + keyword.Length]) || IsDelimiter(pdf[at + keyword.Length]));

    private static bool IsWhiteSpace(byte b) => b is 0 or 9 or 10 or 12 or 13 or 32;

    private static bool IsDelimiter(byte b) => b is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
