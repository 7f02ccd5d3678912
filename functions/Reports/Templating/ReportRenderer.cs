using System.Security.Cryptography;
using System.Text;
using Opsg.Functions.Cases;
using Scriban;
using Scriban.Runtime;

namespace Opsg.Functions.Reports;

/// <summary>
/// The report templates for the app's lifetime: every file in templates/ is read and parsed once, when a function first
/// needs the renderer (a template that does not parse then fails every function that renders; the template tests keep
/// one from shipping), and the template hash recorded with
/// every report is computed from those bytes. Each render runs in a fresh
/// <see cref="ReportTemplateContext"/> over the parsed templates. The email templates in templates/mail are
/// <see cref="MailRenderer"/>'s, not reports: they stay out of the kinds and the hash.
/// </summary>
public sealed class ReportRenderer
{
    public const string Extension = ".sbn-html";
    public const string PartialsFolder = "partials";
    private const string PagesFolder = "pages";
    private const string MeetingsFolder = "meetings";

    private readonly Dictionary<string, Template> _reports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Template> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Template> _meetingDocuments = new(StringComparer.Ordinal);
    private readonly PartialTemplates _partials;
    private readonly ScriptObject _functions = TemplateFunctions.Create();

    public ReportRenderer(string templatesDirectory)
    {
        var files = Directory.GetFiles(templatesDirectory, "*" + Extension, SearchOption.AllDirectories)
            .Select(f => (Relative: Path.GetRelativePath(templatesDirectory, f).Replace('\\', '/'), Path: f))
            .Where(f => !IsIn(MailRenderer.Folder, f.Relative))
            .Select(f => (f.Relative, Source: File.ReadAllText(f.Path)))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Pages are served live and never stored, so they stay out of the hash recorded with each report.
        foreach (var (relative, source) in files.Where(f => !IsIn(PagesFolder, f.Relative)))
            hash.AppendData(Encoding.UTF8.GetBytes(relative + "\n" + source + "\n"));
        TemplateHash = Convert.ToHexStringLower(hash.GetHashAndReset());

        _partials = new PartialTemplates(files.Where(f => IsIn(PartialsFolder, f.Relative)));
        foreach (var (relative, source) in files.Where(f => !IsIn(PartialsFolder, f.Relative)))
            (IsIn(PagesFolder, relative) ? _pages : IsIn(MeetingsFolder, relative) ? _meetingDocuments : _reports)[Path.GetFileName(relative)[..^Extension.Length]] = Parse(source, relative);
    }

    public string TemplateHash { get; }

    public IReadOnlyCollection<string> Kinds => _reports.Keys;

    public string Render(string kind, CaseState state)
    {
        if (!_reports.TryGetValue(kind, out var template)) throw new InvalidOperationException($"No template for report '{kind}'.");
        return Write(template, ReportModels.For(kind, state));
    }

    /// <summary>A meeting's document (templates/meetings/) from its view model; stored like a report, so in the template hash.</summary>
    public string RenderMeetingDocument(string name, object model)
    {
        if (!_meetingDocuments.TryGetValue(name, out var template)) throw new InvalidOperationException($"No template for the meeting document '{name}'.");
        return Write(template, model);
    }

    /// <summary>templates/pages/ are rendered live from a view model; templates/meetings/ are a meeting's; every other template is a case's report kind.</summary>
    public string RenderPage(string page, object model)
    {
        if (!_pages.TryGetValue(page, out var template)) throw new InvalidOperationException($"No template for page '{page}'.");
        return Write(template, model);
    }

    private string Write(Template template, object model)
    {
        var context = new ReportTemplateContext(_functions, _partials, model);
        // Sized for a typical report (30-40 KB) up front so the buffer is not copied as it grows; 64 KB stays off the large-object heap.
        ((StringBuilderOutput)context.Output).Builder.EnsureCapacity(32 * 1024);
        return template.Render(context);
    }

    internal static Template Parse(string source, string relative)
    {
        var template = Template.Parse(source, relative);
        return template.HasErrors
            ? throw new InvalidOperationException($"templates/{relative} does not parse: " + string.Join("; ", template.Messages))
            : template;
    }

    private static bool IsIn(string folder, string relative) => relative.StartsWith(folder + "/", StringComparison.Ordinal);
}
