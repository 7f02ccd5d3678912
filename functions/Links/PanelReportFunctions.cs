using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Http;
using Opsg.Functions.Reports;
using Opsg.Functions.Security;

namespace Opsg.Functions.Links;

/// <summary>
/// The Panel reads what it was sent: a Panel report version is served to the Panel role only while a link to it is
/// live. Revoking a link (or its expiry) takes the version back from the Panel's route as from the link itself.
/// </summary>
public sealed class PanelReportFunctions(CaseReads reads, ReportFiles files, TimeProvider clock)
{
    /// <summary>The Panel's own route: a version of the consolidated Panel report that SECAS has sent it (a link to it is live), and nothing else of the case.</summary>
    [Function("GetPanelReport")]
    [AllowRoles(Roles.Panel)]
    public Task<IResult> GetSentToPanel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "panel/cases/{caseId}/panel-report/v{version:int}")] HttpRequest request,
        string caseId,
        int version) =>
        reads.ReadAsync(request, caseId, (state, _) =>
        {
            var now = clock.GetUtcNow();
            var sent = state.Links.Values.Any(l => l.Issued.ReportKind == ReportKinds.PanelReport && l.Issued.ReportVersion == version && l.IsUsableAt(now));
            var report = sent ? state.Reports.FirstOrDefault(r => r.Kind == ReportKinds.PanelReport && r.Version == version) : null;
            return files.ServeAsync(request.HttpContext, report, caseId, ReportKinds.PanelReport, version);
        });
}
