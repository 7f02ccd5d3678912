using System.Buffers;
using System.Text;

namespace Opsg.Functions.Reports;

/// <summary>
/// Escapes every character that can end an attribute or open markup, including ' ` and =, which
/// common HTML encoders leave alone; the same text is then safe in element content and in any
/// attribute, quoted or not.
/// </summary>
public static class StrictHtmlEncoder
{
    /// <summary>The characters <see cref="EntityFor"/> replaces; most text has none, and is found to have none at vector speed.</summary>
    public static readonly SearchValues<char> NeedEncoding = SearchValues.Create("&<>\"'`=");

    /// <summary>The entity for a character that needs one; null for a character written as it is.</summary>
    public static string? EntityFor(char c) => c switch
    {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        '`' => "&#96;",
        '=' => "&#61;",
        _ => null,
    };

    public static string Encode(string text) => AppendEncoded(new StringBuilder(text.Length + 16), text).ToString();

    public static StringBuilder AppendEncoded(StringBuilder target, string text)
    {
        var start = 0;
        for (var i = text.AsSpan().IndexOfAny(NeedEncoding); i >= 0 && i < text.Length; i++)
        {
            if (EntityFor(text[i]) is not { } entity) continue;
            target.Append(text, start, i - start).Append(entity);
            start = i + 1;
        }
        return target.Append(text, start, text.Length - start);
    }
}

/// <summary>
/// Markup that a template writes as it is. Everything else a template writes is HTML-encoded, so
/// this type is the one way markup built in code gets into a document: only code that encodes every
/// piece of text it puts in (the SVG pictures, the CSS string of the running print header) makes one.
/// </summary>
public sealed class TrustedHtml
{
    internal TrustedHtml(string markup) => Markup = markup;

    public string Markup { get; }

    public override string ToString() => Markup;
}
