using System.Globalization;

namespace Opsg.Functions.Reports;

public static class ReportBlobs
{
    public const string ContentType = "text/html; charset=utf-8";

    public static string Name(string caseId, string kind, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{caseId}/{kind}/v{version}.html");
}
