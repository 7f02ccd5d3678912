using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using Opsg.Functions.Cases;

namespace Opsg.Functions.Reports;

/// <summary>
/// One Handlebars environment for the app's lifetime: templates and partials are read and compiled
/// once at start-up, and the template hash recorded with every report is computed from those bytes.
/// </summary>
public sealed partial class ReportRenderer
{
    private readonly Dictionary<string, HandlebarsTemplate<TextWriter, object, object>> _templates = new(StringComparer.Ordinal);

    public ReportRenderer(string templatesDirectory)
    {
        var environment = Handlebars.Create(new HandlebarsConfiguration
        {
            ThrowOnUnresolvedBindingExpression = true,
            TextEncoder = new StrictHtmlEncoder(),
        });
        ReportHelpers.Register(environment);

        var files = Directory.GetFiles(templatesDirectory, "*.hbs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(templatesDirectory, file).Replace('\\', '/');
            var source = File.ReadAllText(file);
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n" + source + "\n"));
            var name = Path.GetFileNameWithoutExtension(file);
            if (relative.StartsWith("partials/", StringComparison.Ordinal)) environment.RegisterTemplate(name, WithoutPartialIndent(source));
        }
        foreach (var file in files.Where(f => !Path.GetRelativePath(templatesDirectory, f).Replace('\\', '/').StartsWith("partials/", StringComparison.Ordinal)))
            _templates[Path.GetFileNameWithoutExtension(file)] = environment.Compile(new StringReader(WithoutPartialIndent(File.ReadAllText(file))));
        TemplateHash = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public string TemplateHash { get; }

    /// <summary>
    /// Handlebars.Net 2.4.3 writes a standalone partial call that is indented ("  {{> rows}}" on its
    /// own line) through an indenting writer that skips the text encoder, so everything in that
    /// partial would come out unescaped. Taking the indent away keeps every partial encoded; the
    /// only cost is the indentation of the generated HTML.
    /// </summary>
    public static string WithoutPartialIndent(string source) => IndentedPartial().Replace(source, "");

    [GeneratedRegex(@"^[ \t]+(?=\{\{~?>)", RegexOptions.Multiline)]
    private static partial Regex IndentedPartial();

    public IReadOnlyCollection<string> Kinds => _templates.Keys;

    public string Render(string kind, CaseState state)
    {
        if (!_templates.TryGetValue(kind, out var template)) throw new InvalidOperationException($"No template for report '{kind}'.");
        // Sized for a typical report (25-30 KB) up front so the buffer is not copied as it grows; 64 KB stays off the large-object heap.
        using var writer = new StringWriter(new StringBuilder(32 * 1024), System.Globalization.CultureInfo.InvariantCulture);
        template(writer, ReportModels.For(kind, state));
        return writer.ToString();
    }
}
