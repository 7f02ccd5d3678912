namespace Opsg.Functions.Reports;

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
