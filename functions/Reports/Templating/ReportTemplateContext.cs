using System.Collections.Concurrent;
using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Opsg.Functions.Reports;

/// <summary>
/// The one way a template is run: strict (an unknown variable or member is an error), en-GB,
/// the model's members in camelCase, partials from <see cref="PartialTemplates"/>, and every value an
/// expression writes HTML-encoded unless it is <see cref="TrustedHtml"/>. One per render: a
/// Scriban context is not thread-safe, and this one holds the model. <see cref="PlainTextTemplateContext"/>
/// keeps every rule but the encoding, for the text part of an email.
/// </summary>
public class ReportTemplateContext : TemplateContext
{
    /// <summary>TitleCase → titleCase: templates read <c>header.documentId</c> for <c>Header.DocumentId</c>.</summary>
    public static readonly MemberRenamerDelegate CamelCase = member => char.ToLowerInvariant(member.Name[0]) + member.Name[1..];

    // Properties only: a model's public fields and methods are not part of what it shows.
    private static readonly MemberFilterDelegate PropertiesOnly = member => member is PropertyInfo;

    // Member lookups per model type are worked out once for the app, not once per render.
    private static readonly ConcurrentDictionary<Type, IObjectAccessor> Accessors = new();
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> TopLevel = new();

    public ReportTemplateContext(ScriptObject functions, PartialTemplates partials, object model) : base(functions)
    {
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        EnableRelaxedIndexerAccess = false;
        EnableRelaxedTargetAccess = false;
        EnableRelaxedFunctionAccess = false;
        MemberRenamer = CamelCase;
        MemberFilter = PropertiesOnly;
        TemplateLoader = partials;
        NewLine = "\n";
        // A partial's lines are not re-indented to where the include stood: the HTML means the same, and
        // every line written is not scanned again for line breaks.
        AutoIndent = false;
        // Our own templates over bounded models: a limit could only cut a large case's report short
        // (Scriban ends over-long output with "..." rather than failing).
        LoopLimit = 0;
        LimitToString = 0;
        PushCulture(ReportFormats.EnGb);
        foreach (var (path, template) in partials.Parsed) CachedTemplates[path] = template;

        // The model's properties are the template's variables, read-only.
        var properties = TopLevel.GetOrAdd(model.GetType(), type => [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0).Select(p => (CamelCase(p), p))]);
        var globals = new ScriptObject(properties.Length);
        foreach (var (name, property) in properties) globals.SetValue(name, property.GetValue(model), readOnly: true);
        PushGlobal(globals);
    }

    /// <summary>Every value an expression writes comes here: encoded, or written as it is when trusted.</summary>
    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        switch (textAsObject)
        {
            case null:
                return this;
            case TrustedHtml trusted:
                return Write(trusted.Markup);
            default:
                var text = ObjectToString(textAsObject) ?? "";
                var start = 0;
                for (var i = text.AsSpan().IndexOfAny(StrictHtmlEncoder.NeedEncoding); i >= 0 && i < text.Length; i++)
                {
                    if (StrictHtmlEncoder.EntityFor(text[i]) is not { } entity) continue;
                    Write(text, start, i - start);
                    Write(entity);
                    start = i + 1;
                }
                return Write(text, start, text.Length - start);
        }
    }

    /// <summary>Reports render synchronously; an asynchronous render must not find an unencoded path.</summary>
    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) => ValueTask.FromResult(Write(span, textAsObject));

    protected override IObjectAccessor? GetMemberAccessorImpl(object target)
    {
        if (target is IScriptObject) return base.GetMemberAccessorImpl(target);
        var type = target.GetType();
        if (Accessors.TryGetValue(type, out var known)) return known;
        var accessor = base.GetMemberAccessorImpl(target);
        if (accessor is not null) Accessors.TryAdd(type, accessor);
        return accessor;
    }
}
