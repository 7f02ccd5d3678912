using System.Globalization;

namespace Opsg.Functions.Reports;

/// <summary>How the documents write dates and numbers: en-GB long dates and thousands separators.</summary>
public static class ReportFormats
{
    public static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"28 February 2020".</summary>
    public static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", EnGb);

    /// <summary>"98,218".</summary>
    public static string Thousands(long number) => number.ToString("N0", EnGb);

    /// <summary>"Needs TAG approval" → "needs TAG approval": a label carried into a sentence, its acronyms kept.</summary>
    public static string InSentence(string label) => label.Length == 0 ? label : char.ToLowerInvariant(label[0]) + label[1..];

    /// <summary>"a revised plan is published" → "A revised plan is published": text that starts a sentence or follows a label.</summary>
    public static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"no actions", "1 action", "2 actions": a count a person would write.</summary>
    public static string Count(int count, string one, string many) => count switch
    {
        0 => "no " + many,
        1 => "1 " + one,
        _ => Thousands(count) + " " + many,
    };
}
