using System.Text.RegularExpressions;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

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
