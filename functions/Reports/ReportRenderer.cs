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
    private readonly Dictionary<string, HandlebarsTemplate<TextWriter, object, object>> _pages = new(StringComparer.Ordinal);

    public ReportRenderer(string templatesDirectory)
    {
        var environment = Handlebars.Create(new HandlebarsConfiguration
        {
            ThrowOnUnresolvedBindingExpression = true,
            TextEncoder = new StrictHtmlEncoder(),
        });
        ReportHelpers.Register(environment);

        var files = Directory.GetFiles(templatesDirectory, "*.hbs", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(templatesDirectory, f).Replace('\\', '/'))).ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (file, _) in files.Where(f => IsPartial(f.Relative)))
            environment.RegisterTemplate(Path.GetFileNameWithoutExtension(file), WithoutPartialIndent(File.ReadAllText(file)));
        foreach (var (file, relative) in files)
        {
            var source = File.ReadAllText(file);
            // Pages are served live and never stored, so they stay out of the hash recorded with each report.
            if (!IsPage(relative)) hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n" + source + "\n"));
            if (IsPartial(relative)) continue;
            (IsPage(relative) ? _pages : _templates)[Path.GetFileNameWithoutExtension(file)] = environment.Compile(new StringReader(WithoutPartialIndent(source)));
        }
        TemplateHash = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public string TemplateHash { get; }

    private static bool IsPartial(string relative) => relative.StartsWith("partials/", StringComparison.Ordinal);

    /// <summary>templates/pages/ are rendered live from a view model; every other template is a report kind.</summary>
    private static bool IsPage(string relative) => relative.StartsWith("pages/", StringComparison.Ordinal);

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
        return Write(template, ReportModels.For(kind, state));
    }

    public string RenderPage(string page, object model)
    {
        if (!_pages.TryGetValue(page, out var template)) throw new InvalidOperationException($"No template for page '{page}'.");
        return Write(template, model);
    }

    private static string Write(HandlebarsTemplate<TextWriter, object, object> template, object model)
    {
        // Sized for a typical report (25-30 KB) up front so the buffer is not copied as it grows; 64 KB stays off the large-object heap.
        using var writer = new StringWriter(new StringBuilder(32 * 1024), System.Globalization.CultureInfo.InvariantCulture);
        template(writer, model);
        return writer.ToString();
    }
}
