using System.Globalization;
using HandlebarsDotNet;

namespace Opsg.Functions.Reports;

/// <summary>
/// Formatting helpers the templates use: en-GB long dates and thousands separators. Helper names
/// are matched without regard to case, so they must not sound like a model property (a helper
/// called "number" would silently replace {{Number}}).
/// </summary>
public static class ReportHelpers
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static void Register(IHandlebars environment)
    {
        environment.RegisterHelper("formatDate", (writer, _, arguments) => writer.Write(LongDate(arguments.Length > 0 ? arguments[0] : null)));
        environment.RegisterHelper("formatNumber", (writer, _, arguments) => writer.Write(Thousands(arguments.Length > 0 ? arguments[0] : null)));
    }

    /// <summary>"28 February 2020"; empty for no date.</summary>
    public static string LongDate(object? value) => value switch
    {
        DateOnly d => d.ToString("d MMMM yyyy", EnGb),
        DateTimeOffset dto => dto.ToString("d MMMM yyyy", EnGb),
        DateTime dt => dt.ToString("d MMMM yyyy", EnGb),
        _ => "",
    };

    /// <summary>"98,218".</summary>
    public static string Thousands(object? value) => value switch
    {
        int i => i.ToString("N0", EnGb),
        long l => l.ToString("N0", EnGb),
        _ => "",
    };
}
