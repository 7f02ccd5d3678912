using System.Collections.Concurrent;
using System.Reflection;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using System.Globalization;
using System.Text;

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

/// <summary>
/// The only functions a template can call; Scriban's own builtins are left out, so a template sees
/// these and its model, nothing else. Built once and shared read-only by every render.
/// </summary>
public static class TemplateFunctions
{
    public static ScriptObject Create()
    {
        var functions = new ScriptObject();
        functions.SetValue("include", new PartialInclude(), readOnly: true);
        functions.Import("formatDate", new Func<object, string>(FormatDate));
        functions.Import("formatNumber", new Func<object, string>(FormatNumber));
        functions.Import("cssString", new Func<string, TrustedHtml>(CssString));
        foreach (var name in functions.Keys.ToList()) functions.SetReadOnly(name, true);
        return functions;
    }

    /// <summary>"28 February 2020". Anything but a date is a mistake in the template, not an empty cell.</summary>
    public static string FormatDate(object value) => value is DateOnly date
        ? ReportFormats.LongDate(date)
        : throw new ArgumentException($"formatDate expects a date, not {value.GetType().Name}.", nameof(value));

    /// <summary>"98,218".</summary>
    public static string FormatNumber(object value) => value switch
    {
        int i => ReportFormats.Thousands(i),
        long l => ReportFormats.Thousands(l),
        _ => throw new ArgumentException($"formatNumber expects a whole number, not {value.GetType().Name}.", nameof(value)),
    };

    /// <summary>
    /// A CSS string literal for text written inside a style element (the running print header), where
    /// HTML entities mean nothing: every character but a letter, digit or space becomes a CSS escape.
    /// </summary>
    public static TrustedHtml CssString(string text)
    {
        var css = new StringBuilder(text.Length * 2 + 2).Append('"');
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == ' ')) css.Append((char)rune.Value);
            else css.Append('\\').Append(rune.Value.ToString("x", CultureInfo.InvariantCulture)).Append(' ');
        }
        return new TrustedHtml(css.Append('"').ToString());
    }
}
