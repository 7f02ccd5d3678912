using System.Text;
using HandlebarsDotNet;

namespace Opsg.Functions.Reports;

/// <summary>
/// Escapes every character that can end an attribute or open markup, including ' ` and =, which
/// the library's default encoder leaves alone. All user text goes through {{…}}, never {{{…}}}.
/// </summary>
public sealed class StrictHtmlEncoder : ITextEncoder
{
    public IFormatProvider? FormatProvider => System.Globalization.CultureInfo.InvariantCulture;

    public void Encode(StringBuilder? text, TextWriter target)
    {
        if (text is null) return;
        for (var i = 0; i < text.Length; i++) Write(text[i], target);
    }

    public void Encode(string? text, TextWriter target)
    {
        if (text is null) return;
        foreach (var c in text) Write(c, target);
    }

    public void Encode<T>(T? text, TextWriter target) where T : IEnumerator<char>
    {
        if (text is null) return;
        while (text.MoveNext()) Write(text.Current, target);
    }

    private static void Write(char c, TextWriter target)
    {
        switch (c)
        {
            case '&': target.Write("&amp;"); break;
            case '<': target.Write("&lt;"); break;
            case '>': target.Write("&gt;"); break;
            case '"': target.Write("&quot;"); break;
            case '\'': target.Write("&#39;"); break;
            case '`': target.Write("&#96;"); break;
            case '=': target.Write("&#61;"); break;
            default: target.Write(c); break;
        }
    }
}
