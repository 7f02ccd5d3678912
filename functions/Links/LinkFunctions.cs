using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Links;

/// <summary>The openings of a case's Panel links, as SECAS reads them.</summary>
public sealed record LinkAccesses(string CaseId, IReadOnlyList<LinkAccessSeen> Accesses);

/// <summary>One opening: which link, when, the client's network (truncated address) and user agent; null where not known.</summary>
public sealed record LinkAccessSeen(string LinkId, DateTimeOffset Time, string? ClientNetwork, string? UserAgent);

public sealed record IssuedLink(string LinkId, string? Recipient, DateTimeOffset ExpiresAt, Classification Classification, string ReportKind, int ReportVersion, string? Token, string? Url, string RevokeDeleteUri);

/// <summary>
/// The Panel's link: SECAS issues and revokes it; whoever holds the token may read the pinned report. The same
/// anonymous route opens a meeting's final minutes shared by link (<see cref="MinutesLinkFunctions"/>).
/// </summary>
public sealed class LinkFunctions(CaseCommands commands, LinkIssuing issuing, CaseReads reads, LinkTable links, CaseStore cases, MeetingStore meetings, BlobStore blobs, LinkAccessLog accessLog, TimeProvider clock)
{
    // One answer for unknown, expired and revoked tokens alike, byte for byte (no trace id), so the
    // answer says nothing about which it was.
    private const string NoSuchLink =
        """{"type":"https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5","title":"No such link.","status":404,"detail":"This link is not valid. Ask SECAS for a new one."}""";

    [Function("IssueLink")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Issue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/links")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client) =>
        issuing.IssueAsync(request, commands, LinkTarget.Case, caseId, client,
            (state, link) => IssueLink.Decide(state, link.LinkId, link.Recipient, link.ExpiresAt, link.Now),
            Answer);

    private static IssuedLink Answer(CaseState state, string linkId, string? token)
    {
        var issued = state.Links[linkId].Issued;
        return new IssuedLink(linkId, issued.Recipient, issued.ExpiresAt, issued.Classification, issued.ReportKind, issued.ReportVersion,
            token, token is null ? null : $"/api/links/{token}", $"/api/cases/{state.CaseId}/links/{linkId}");
    }

    [Function("RevokeLink")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "cases/{caseId}/links/{linkId}")] HttpRequest request,
        string caseId,
        string linkId,
        [DurableClient] DurableTaskClient client) =>
        issuing.RevokeAsync(request, commands, LinkTarget.Case, caseId, linkId, client, (s, reason) => RevokeLink.Decide(s, linkId, reason));

    /// <summary>
    /// Every opening of the case's Panel links, oldest first: when, and from which network and browser, so SECAS can
    /// see a token used from somewhere the Panel is not and revoke it. Read afresh each time (the log grows without
    /// the case's version changing, so no ETag).
    /// </summary>
    [Function("GetLinkAccesses")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Accesses(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}/link-accesses")] HttpRequest request,
        string caseId) =>
        reads.ReadAsync(request, caseId, async (_, _) =>
        {
            var http = request.HttpContext;
            http.Response.Headers.Remove("ETag");
            var accesses = await accessLog.ReadAsync(caseId, http.RequestAborted);
            return TypedResults.Json(new LinkAccesses(caseId, [.. accesses.Select(a => new LinkAccessSeen(a.LinkId, a.Time, a.ClientNetwork, a.UserAgent))]), RecordJson.Options);
        });

    /// <summary>A catch-all route: a "token" with a slash in it, or none at all, gets the same answer as any other token that is not valid.</summary>
    [Function("OpenLink")]
    [AllowAnonymous]
    public async Task<IResult> Open([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "links/{*token}")] HttpRequest request, string? token)
    {
        var http = request.HttpContext;
        ResponseHeaders.Document(http.Response);
        var now = clock.GetUtcNow();
        // Unknown, expired and revoked are all decided on this one read and answered alike.
        var record = await links.FindAsync(LinkTokens.Hash(token ?? ""), http.RequestAborted);
        if (record is null || record.Revoked || record.ExpiresAt <= now) return NotFound();

        // Reading a link only reads its record: the access goes to its own log, never to the record's
        // history, so readers never race SECAS's commands.
        var document = record.Target == LinkTarget.Meeting
            ? await MinutesAsync(record, now, http.RequestAborted)
            : await PanelReportAsync(record, now, http.RequestAborted);
        if (document is null) return NotFound();
        // Logged before a byte is served: no copy leaves without its entry.
        // With where it came from, so SECAS can tell a leaked token used by someone else (README, "Privacy").
        await accessLog.RecordAsync(new LinkAccess(record.RecordId, record.LinkId, now, record.Target,
            LinkReaders.ClientNetwork(request.Headers["X-Forwarded-For"].ToString(), http.Connection.RemoteIpAddress),
            LinkReaders.UserAgent(request.Headers.UserAgent.ToString())), http.RequestAborted);

        // Streamed through the app: the container stays private and nothing here can be cached or indexed.
        if (document.Classification == Classification.NotForPublication) http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow, noarchive";
        return TypedResults.Bytes(document.Bytes, ReportBlobs.ContentType);
    }

    /// <summary>The pinned version of the case's report, while the case's history says the link works.</summary>
    private async Task<LinkedDocument?> PanelReportAsync(LinkRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await cases.LoadAsync(record.RecordId, cancellationToken);
        if (!OpenLink.IsOpenAt(state, record.LinkId, now)) return null;
        var issued = state.Links[record.LinkId].Issued;
        var report = state.Reports.FirstOrDefault(r => r.Kind == issued.ReportKind && r.Version == issued.ReportVersion);
        return await ReadAsync(report?.BlobName, issued.Classification, cancellationToken);
    }

    /// <summary>The meeting's latest final minutes, while the meeting's history says the link works.</summary>
    private async Task<LinkedDocument?> MinutesAsync(LinkRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = await meetings.LoadAsync(record.RecordId, cancellationToken);
        var minutes = MinutesLinks.Opened(state, record.LinkId, now);
        return await ReadAsync(minutes?.BlobName, state.Scheduled?.Classification ?? Classification.NotForPublication, cancellationToken);
    }

    private async Task<LinkedDocument?> ReadAsync(string? blobName, Classification classification, CancellationToken cancellationToken) =>
        blobName is not null && await blobs.ReadAsync(BlobArea.Reports, blobName, cancellationToken) is { } bytes ? new LinkedDocument(bytes, classification) : null;

    private sealed record LinkedDocument(byte[] Bytes, Classification Classification);

    private static IResult NotFound() => TypedResults.Content(NoSuchLink, "application/problem+json", Encoding.UTF8, StatusCodes.Status404NotFound);
}
