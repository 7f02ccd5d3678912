namespace Opsg.Functions.Cases;

/// <summary>Where a case and its parts are read over HTTP: the one place the routes are spelled for links in answers.</summary>
public static class CaseUrls
{
    public static string Status(string caseId) => $"/api/cases/{caseId}";
    public static string Rewind(string caseId) => $"/api/cases/{caseId}/rewind?reason={{text}}";
    public static string Report(string caseId, string kind, int version) => $"/api/cases/{caseId}/reports/{kind}/v{version}";
}
