using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Opsg.Functions.Reports;

/// <summary>
/// The text part of an email: every rule of <see cref="ReportTemplateContext"/> (strict, en-GB, camelCase
/// members, the same functions) except the HTML encoding, because nothing reads this text as HTML and an
/// encoded value would show the reader "&amp;amp;". Markup built in code has no place in it and is refused.
/// </summary>
public sealed class PlainTextTemplateContext(Scriban.Runtime.ScriptObject functions, PartialTemplates partials, object model)
    : ReportTemplateContext(functions, partials, model)
{
    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        TrustedHtml => throw new ScriptRuntimeException(span, "Markup cannot be written into plain text."),
        _ => Write(ObjectToString(textAsObject) ?? ""),
    };
}
