using System.Text.Json;
using System.Text;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
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

/// <summary>The Panel's link: SECAS issues and revokes it; whoever holds the token may read the pinned report.</summary>
public sealed class LinkFunctions(CaseCommands commands, CaseReads reads, LinkTable links, CaseStore store, BlobStore blobs, LinkAccessLog accessLog, TimeProvider clock, ILogger<LinkFunctions> logger)
{
    // One answer for unknown, expired and revoked tokens alike, byte for byte (no trace id), so the
    // answer says nothing about which it was.
    private const string NoSuchLink =
        """{"type":"https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5","title":"No such link.","status":404,"detail":"This link is not valid. Ask SECAS for a new one."}""";

    [Function("IssueLink")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> Issue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/links")] HttpRequest request,
        string caseId,
        [DurableClient] DurableTaskClient client)
    {
        var http = request.HttpContext;
        var (body, invalid) = await JsonBody.ReadAsync<IssueLinkRequest>(request, http.RequestAborted);
        if (invalid is not null) return Problems.From(invalid);
        var (recipient, expiresAt, rejection) = IssueLink.Validate(body!.Value);
        if (rejection is not null) return Problems.From(rejection);

        // The row goes in first, so a recorded link always has a token that works; it is taken out
        // again if the case refuses, so a refused request leaves nothing behind.
        var token = LinkTokens.NewToken();
        var record = new LinkRecord(LinkTokens.Hash(token), caseId, LinkTokens.NewLinkId(), expiresAt.ToUniversalTime(), false);
        await links.AddAsync(record, http.RequestAborted);
        var now = clock.GetUtcNow();
        var answer = await commands.RunAsync(request, caseId, body.Bytes, CaseCommand.Deciding(
            state => IssueLink.Decide(state, record.LinkId, recipient, expiresAt, now),
            state => new CommandResponse(201, null, JsonSerializer.Serialize(Answer(state, record.LinkId, token: null), RecordJson.Options))), client);
        // An append whose outcome is unknown may yet be recorded: its row stays, so a recorded link always works.
        if (answer.OutcomeUnknown) return answer;
        if (answer.Outcome is not { Rejection: null, Replayed: false, State: { } recorded })
        {
            await links.RemoveAsync(record, CancellationToken.None);
            return answer; // refused, or a replay: the token was shown once, with the first answer
        }
        // The token is in this answer only: the stored (replayable) answer above was made without it.
        return TypedResults.Json(Answer(recorded, record.LinkId, token), RecordJson.Options, statusCode: 201);
    }

    private static IssuedLink Answer(CaseState state, string linkId, string? token)
    {
        var issued = state.Links[linkId].Issued;
        return new IssuedLink(linkId, issued.Recipient, issued.ExpiresAt, issued.Classification, issued.ReportKind, issued.ReportVersion,
            token, token is null ? null : $"/api/links/{token}", $"/api/cases/{state.CaseId}/links/{linkId}");
    }

    [Function("RevokeLink")]
    [AllowRoles(Roles.Secas)]
    public async Task<IResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "cases/{caseId}/links/{linkId}")] HttpRequest request,
        string caseId,
        string linkId,
        [DurableClient] DurableTaskClient client)
    {
        var (text, invalid) = RevokeLink.Validate(request.Query.TryGetValue("reason", out var reason) ? reason.ToString() : null);
        if (invalid is not null) return Problems.From(invalid);
        var answer = await commands.RunAsync(request, caseId, Array.Empty<byte>(), CaseCommand.Deciding(
            s => RevokeLink.Decide(s, linkId, text),
            s => new CommandResponse(200, null, JsonSerializer.Serialize(new { linkId, revoked = true }, RecordJson.Options))), client);
        // The token stopped working with the append: Open checks the history before serving anything.
        // The row follows so the lookup refuses it at once; a refused revocation (a bad or stale
        // If-Match, a reused Idempotency-Key) leaves it alone rather than revoking behind the history's back.
        // Once recorded, the answer says so even if the row cannot be updated now: the history already refuses the token.
        if (answer.Outcome is { Rejection: null })
        {
            try { await links.RevokeAsync(caseId, linkId, CancellationToken.None); }
            catch (StorageUnavailableException ex) { logger.LogWarning(ex, "Link {LinkId} of case {CaseId} is revoked in the record but its row was not updated", linkId, caseId); }
        }
        return answer;
    }

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

        // Reading a link only reads the case: the access goes to its own log, never to the case's
        // history, so readers never race SECAS's commands.
        var state = await store.LoadAsync(record.CaseId, http.RequestAborted);
        if (!OpenLink.IsOpenAt(state, record.LinkId, now)) return NotFound();
        var issued = state.Links[record.LinkId].Issued;
        var report = state.Reports.FirstOrDefault(r => r.Kind == issued.ReportKind && r.Version == issued.ReportVersion);
        var bytes = report is null ? null : await blobs.ReadAsync(BlobArea.Reports, report.BlobName, http.RequestAborted);
        if (bytes is null) return NotFound();
        // Logged before a byte is served: no copy leaves without its entry.
        // With where it came from, so SECAS can tell a leaked token used by someone else (README, "Privacy").
        await accessLog.RecordAsync(new LinkAccess(record.CaseId, record.LinkId, now,
            LinkReaders.ClientNetwork(request.Headers["X-Forwarded-For"].ToString(), http.Connection.RemoteIpAddress),
            LinkReaders.UserAgent(request.Headers.UserAgent.ToString())), http.RequestAborted);

        // Streamed through the app: the container stays private and nothing here can be cached or indexed.
        if (issued.Classification == Classification.NotForPublication) http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow, noarchive";
        return TypedResults.Bytes(bytes, ReportBlobs.ContentType);
    }

    private static IResult NotFound() => TypedResults.Content(NoSuchLink, "application/problem+json", Encoding.UTF8, StatusCodes.Status404NotFound);
}
