using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Security;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Reports;

/// <summary>SECAS asks for documents; participants read them. The container itself is never public.</summary>
public sealed class ReportFunctions(CaseCommands commands, CaseReads reads, CaseStore store, ReportFiles files)
{
    [Function("RequestReports")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Request(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/reports")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client) =>
        commands.RunJsonAsync<ReportsRequest, ReportsRequested>(request, caseId, client, RequestReports.Validate, requested => RecordCommand<CaseState>.Deciding(
            state => RequestReports.Decide(state, requested),
            state => new CommandResponse(202, CaseUrls.Status(caseId), JsonSerializer.Serialize(ScheduledReports.From(state, requested.Kinds), RecordJson.Options))));

    // from and to are read as text so that "abc", "1.5" or a repeated bound are answered like any other
    // invalid field (named in errors) rather than by the framework's empty 400.
    [Function("GetReportChanges")]
    [AllowRoles(Roles.Dcc, Roles.Secas, Roles.OpsgMember, Roles.Tag)]
    public async Task<IResult> Changes(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}/reports/{kind}/changes")] HttpRequest request,
        string caseId,
        string kind)
    {
        var (fromVersion, toVersion, invalid) = ReportChanges.ValidateRange(QueryValues.Single(request, "from"), QueryValues.Single(request, "to"));
        if (invalid is not null) return Problems.From(invalid);
        return await reads.ReadAsync(request, caseId, (state, history) =>
        {
            var reports = state.Reports.Where(r => r.Kind == kind).ToList();
            var (older, newer) = (reports.FirstOrDefault(r => r.Version == fromVersion), reports.FirstOrDefault(r => r.Version == toVersion));
            if (older is null || newer is null)
                return Task.FromResult(Problems.From(ReportFiles.NoSuchReport(caseId, kind, older is null ? fromVersion : toVersion)));
            CaseState AsRendered(ReportRendered r) => store.Kind.Fold(caseId, history.TakeWhile(e => e.Sequence <= r.RenderedFromSequence));
            return Task.FromResult<IResult>(TypedResults.Json(new ReportChangesView(kind, VersionRef.Of(caseId, older), VersionRef.Of(caseId, newer),
                ReportChanges.Between(kind, AsRendered(older), AsRendered(newer))), RecordJson.Options));
        });
    }

    [Function("GetReport")]
    [AllowRoles(Roles.Dcc, Roles.Secas, Roles.OpsgMember, Roles.Tag)]
    public Task<IResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}/reports/{kind}/v{version:int}")] HttpRequest request,
        string caseId,
        string kind,
        int version) =>
        reads.ReadAsync(request, caseId, (state, _) =>
            files.ServeAsync(request.HttpContext, state.Reports.FirstOrDefault(r => r.Kind == kind && r.Version == version), caseId, kind, version));

}

/// <summary>What a report request scheduled: each kind's next version and where it will be.</summary>
public sealed record ScheduledReports(string StatusQueryGetUri, IReadOnlyList<ScheduledReport> Scheduled)
{
    public static ScheduledReports From(CaseState state, IReadOnlyList<string> kinds) => new(
        CaseUrls.Status(state.CaseId),
        kinds.Select(kind => state.Activities.Values.Last(a => a.Scheduled.ReportKind == kind))
            .Select(a => new ScheduledReport(a.Scheduled.ReportKind!, a.Scheduled.ReportVersion ?? 1, CaseUrls.Report(state.CaseId, a.Scheduled.ReportKind!, a.Scheduled.ReportVersion ?? 1), a.Sequence))
            .ToList());
}

/// <summary>A rendering on its way: the version and URL are fixed now; it renders the case as of RenderedFromSequence.</summary>
public sealed record ScheduledReport(string Kind, int Version, string Url, long RenderedFromSequence);

public sealed record VersionRef(int Version, long RenderedFromSequence, string Sha256, string Url)
{
    public static VersionRef Of(string caseId, ReportRendered r) => new(r.Version, r.RenderedFromSequence, r.Sha256, CaseUrls.Report(caseId, r.Kind, r.Version));
}

public sealed record ReportChangesView(string Kind, VersionRef From, VersionRef To, IReadOnlyList<ReportChange> Changes);
