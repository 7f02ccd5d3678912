using System.Globalization;
using System.Text;
using Scriban.Runtime;

namespace Opsg.Functions.Reports;

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
