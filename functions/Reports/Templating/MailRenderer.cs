using Scriban;
using Scriban.Runtime;

namespace Opsg.Functions.Reports;

/// <summary>An email's two parts, rendered from the same model.</summary>
public sealed record RenderedMail(string Text, string Html);

/// <summary>
/// The email templates in templates/mail: each email is a pair, <c>name.sbn-txt</c> (the plain text part, written
/// as it is) and <c>name.sbn-html</c> (the HTML part, every value encoded as in the reports). Read and parsed once
/// at start-up: a template that does not parse, or half a pair, stops the app there. Strict like the reports; no
/// partials, so an email carries nothing but what its own two files say.
/// </summary>
public sealed class MailRenderer
{
    public const string Folder = "mail";
    public const string TextExtension = ".sbn-txt";

    private readonly Dictionary<string, (Template Text, Template Html)> _mails = new(StringComparer.Ordinal);
    private readonly PartialTemplates _noPartials = new([]);
    private readonly ScriptObject _functions = TemplateFunctions.Create();

    public MailRenderer(string templatesDirectory)
    {
        var folder = Path.Combine(templatesDirectory, Folder);
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>().ToHashSet(StringComparer.Ordinal) : [];
        foreach (var name in files.Select(NameOf).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            string text = name + TextExtension, html = name + ReportRenderer.Extension;
            if (!files.Contains(text) || !files.Contains(html))
                throw new InvalidOperationException($"templates/{Folder}/{name}: an email needs both {text} and {html}.");
            _mails[name] = (Parse(folder, text), Parse(folder, html));
        }
    }

    public IReadOnlyCollection<string> Names => _mails.Keys;

    public RenderedMail Render(string name, object model)
    {
        if (!_mails.TryGetValue(name, out var mail)) throw new InvalidOperationException($"No email template '{name}' in templates/{Folder}.");
        return new RenderedMail(
            mail.Text.Render(new PlainTextTemplateContext(_functions, _noPartials, model)),
            mail.Html.Render(new ReportTemplateContext(_functions, _noPartials, model)));
    }

    private static string? NameOf(string file) =>
        file.EndsWith(TextExtension, StringComparison.Ordinal) ? file[..^TextExtension.Length]
        : file.EndsWith(ReportRenderer.Extension, StringComparison.Ordinal) ? file[..^ReportRenderer.Extension.Length]
        : null;

    private static Template Parse(string folder, string file) =>
        ReportRenderer.Parse(File.ReadAllText(Path.Combine(folder, file)), $"{Folder}/{file}");
}
