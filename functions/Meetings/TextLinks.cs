using System.Text.RegularExpressions;
using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

/// <summary>A piece of minuted text: plain, or a link (https or mailto only) to render as one.</summary>
public sealed record TextSegment(string Text, string? Href);

/// <summary>
/// Links in minuted text: only https and mailto, which the minutes render as links (every other scheme, e.g.
/// javascript: or http:, is refused on the way in). Rendering splits the text; the template encodes both parts.
/// </summary>
public static partial class TextLinks
{
    public static void Check(Validator v, string? text, string field)
    {
        if (text is null) return;
        foreach (Match m in AnyLink().Matches(text))
            if (!IsAllowed(m.Value)) v.Add(field, $"Only https and mailto links are allowed; '{Shorten(m.Value)}' is neither.");
    }

    public static IReadOnlyList<TextSegment> Split(string text)
    {
        var segments = new List<TextSegment>();
        var at = 0;
        foreach (Match m in AnyLink().Matches(text))
        {
            if (!IsAllowed(m.Value)) continue;
            var link = m.Value.TrimEnd('.', ',', ';', ':', ')');
            if (m.Index > at) segments.Add(new TextSegment(text[at..m.Index], null));
            segments.Add(new TextSegment(link.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? link["mailto:".Length..] : link, link));
            at = m.Index + link.Length;
        }
        if (at < text.Length) segments.Add(new TextSegment(text[at..], null));
        return segments;
    }

    private static bool IsAllowed(string link) =>
        (link.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && link.Length > "https://".Length)
        || (link.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) && link.Contains('@', StringComparison.Ordinal));

    private static string Shorten(string link) => link.Length <= 40 ? link : link[..40] + "…";

    /// <summary>Anything with a scheme and "//", and the schemes that need none (mailto, javascript, data, vbscript).</summary>
    [GeneratedRegex(@"(?i)\b(?:[a-z][a-z0-9+.-]*://|(?:mailto|javascript|data|vbscript):)\S+")]
    private static partial Regex AnyLink();
}
