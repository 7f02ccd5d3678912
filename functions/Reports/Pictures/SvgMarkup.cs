using System.Globalization;
using System.Text;

namespace Opsg.Functions.Reports;

/// <summary>
/// Builds an inline SVG picture in code. Every attribute value and every piece of text goes through
/// <see cref="StrictHtmlEncoder"/>, which is what lets the finished picture pass as <see cref="TrustedHtml"/>.
/// </summary>
public sealed class SvgMarkup
{
    private readonly StringBuilder _svg = new(2048);

    /// <summary>An element with content to follow; attributes as name/value pairs.</summary>
    public SvgMarkup Open(string element, params ReadOnlySpan<(string Name, object Value)> attributes) => Tag(element, attributes, selfClosing: false);

    /// <summary>An element with no content (rect, line).</summary>
    public SvgMarkup Empty(string element, params ReadOnlySpan<(string Name, object Value)> attributes) => Tag(element, attributes, selfClosing: true);

    public SvgMarkup Text(string text)
    {
        StrictHtmlEncoder.AppendEncoded(_svg, text);
        return this;
    }

    public SvgMarkup Close(string element)
    {
        _svg.Append("</").Append(element).Append('>');
        return this;
    }

    /// <summary>An element holding only text: <c>&lt;text x="0"&gt;LSC 1&lt;/text&gt;</c>.</summary>
    public SvgMarkup TextElement(string element, string text, params ReadOnlySpan<(string Name, object Value)> attributes) =>
        Open(element, attributes).Text(text).Close(element);

    public SvgMarkup Line()
    {
        _svg.Append('\n');
        return this;
    }

    public TrustedHtml ToTrustedHtml() => new(_svg.ToString());

    private SvgMarkup Tag(string element, ReadOnlySpan<(string Name, object Value)> attributes, bool selfClosing)
    {
        _svg.Append('<').Append(element);
        foreach (var (name, value) in attributes)
        {
            _svg.Append(' ').Append(name).Append("=\"");
            if (value is int number) _svg.Append(CultureInfo.InvariantCulture, $"{number}");
            else StrictHtmlEncoder.AppendEncoded(_svg, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
            _svg.Append('"');
        }
        _svg.Append(selfClosing ? "/>" : ">");
        return this;
    }
}
