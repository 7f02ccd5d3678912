using System.Text.RegularExpressions;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using Scriban.Functions;

namespace Opsg.Functions.Reports;

/// <summary>
/// The partials in templates/partials, read and parsed once at start-up. As the context's template
/// loader it decides which names an include may use: a partial's file name without its extension.
/// </summary>
public sealed partial class PartialTemplates : ITemplateLoader
{
    private readonly Dictionary<string, (string Source, Template Parsed)> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _pathByName = new(StringComparer.Ordinal);
    private readonly KeyValuePair<string, Template>[] _parsed;

    public PartialTemplates(IEnumerable<(string Relative, string Source)> partials)
    {
        // A partial's last newline ends its file, not its output: "<td>{{ include 'rag-badge' … }}</td>" stays on one line.
        foreach (var (relative, file) in partials)
        {
            var source = file.EndsWith('\n') ? file[..^1] : file;
            _byPath[relative] = (source, ReportRenderer.Parse(source, relative));
            var name = Path.GetFileName(relative)[..^ReportRenderer.Extension.Length];
            if (!PartialName().IsMatch(name) || relative != $"{ReportRenderer.PartialsFolder}/{name}{ReportRenderer.Extension}")
                throw new InvalidOperationException($"templates/{relative}: a partial is named in lower case with hyphens and sits directly in templates/{ReportRenderer.PartialsFolder}.");
            _pathByName[name] = relative;
        }
        _parsed = [.. _byPath.Select(p => KeyValuePair.Create(p.Key, p.Value.Parsed))];
    }

    /// <summary>The parsed partials by loader path, for a context to start from instead of parsing again.</summary>
    public IReadOnlyList<KeyValuePair<string, Template>> Parsed => _parsed;

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) =>
        _pathByName.TryGetValue(templateName, out var path)
            ? path
            : throw new ScriptRuntimeException(callerSpan, $"There is no partial named '{templateName}' in templates/{ReportRenderer.PartialsFolder}.");

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => _byPath[templatePath].Source;

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(Load(context, callerSpan, templatePath));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex PartialName();
}

/// <summary>
/// <c>include 'name' arg: value</c>: runs a partial in the calling template's place, its named arguments
/// as the partial's <c>$locals</c>. Unlike Scriban's own include, which renders the partial to a string
/// and hands it back to be written (and so would be encoded a second time), the partial writes straight
/// into the document through the same encoding context.
/// </summary>
public sealed class PartialInclude : IScriptCustomFunction
{
    private static readonly IncludeFunction Scriban = new();

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var span = callerContext?.Span ?? context.CurrentSpan;
        if (arguments.Count == 0 || arguments[0] is not string name) throw new ScriptRuntimeException(span, "include needs the name of a partial.");
        var partial = context.GetOrCreateTemplate(context.GetTemplatePathFromName(name, callerContext)!, callerContext);

        context.EnterRecursive(callerContext);
        context.PushLocal();
        if (partial.SourceFilePath is { } file) context.PushSourceFile(file);
        try
        {
            context.SetValue(ScriptVariable.Arguments, arguments, true, true);
            // The call has already evaluated each named argument onto the argument array.
            foreach (var argument in (callerContext as ScriptFunctionCall)?.Arguments.OfType<ScriptNamedArgument>() ?? [])
            {
                var argumentName = argument.Name!.Name;
                arguments.TryGetValue(context, span, argumentName, out var value);
                context.SetValue(ScriptVariable.Create(argumentName, ScriptVariableScope.Local), value, false, true);
            }
            if (partial.Page is { } page && context.Evaluate(page) is { } last) context.Write(page.Span, last);
        }
        finally
        {
            if (partial.SourceFilePath is not null) context.PopSourceFile();
            context.PopLocal();
            context.ExitRecursive(callerContext);
        }
        return null;
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));

    public int RequiredParameterCount => Scriban.RequiredParameterCount;

    public int ParameterCount => Scriban.ParameterCount;

    public ScriptVarParamKind VarParamKind => Scriban.VarParamKind;

    public Type ReturnType => typeof(void);

    public ScriptParameterInfo GetParameterInfo(int index) => Scriban.GetParameterInfo(index);
}
