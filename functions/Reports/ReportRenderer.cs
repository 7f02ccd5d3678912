using System.Security.Cryptography;
using System.Text;
using HandlebarsDotNet;
using Opsg.Functions.Cases;

namespace Opsg.Functions.Reports;

/// <summary>
/// One Handlebars environment for the app's lifetime: templates and partials are read and compiled
/// once at start-up, and the template hash recorded with every report is computed from those bytes.
/// </summary>
public sealed class ReportRenderer
{
    private readonly Dictionary<string, HandlebarsTemplate<object, object>> _templates = new(StringComparer.Ordinal);

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
            if (relative.StartsWith("partials/", StringComparison.Ordinal)) environment.RegisterTemplate(name, source);
        }
        foreach (var file in files.Where(f => !Path.GetRelativePath(templatesDirectory, f).Replace('\\', '/').StartsWith("partials/", StringComparison.Ordinal)))
            _templates[Path.GetFileNameWithoutExtension(file)] = environment.Compile(File.ReadAllText(file));
        TemplateHash = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public string TemplateHash { get; }

    public IReadOnlyCollection<string> Kinds => _templates.Keys;

    public string Render(string kind, CaseState state) =>
        _templates.TryGetValue(kind, out var template)
            ? template(ReportModels.For(kind, state))
            : throw new InvalidOperationException($"No template for report '{kind}'.");
}
