using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Links;

/// <summary>A link to a meeting's final minutes as issued; the token is in the first answer only.</summary>
public sealed record IssuedMinutesLink(string LinkId, string? Recipient, DateTimeOffset ExpiresAt, int MinutesVersion, string? Token, string? Url, string RevokeDeleteUri);

public sealed record MeetingLinkAccesses(string MeetingId, IReadOnlyList<LinkAccessSeen> Accesses);

/// <summary>A link to a meeting's minutes as SECAS lists them: never its token (only its hash is stored).</summary>
public sealed record MinutesLinkRow(string LinkId, string? Recipient, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, int MinutesVersion, string Status,
    DateTimeOffset? RevokedAt, string RevokeDeleteUri);

/// <summary>
/// SECAS shares a meeting's publishable final minutes by link, and takes the link back, as for a Panel report; the
/// token opens them at <c>GET /api/links/{token}</c> (<see cref="LinkFunctions.Open"/>).
/// </summary>
public sealed class MinutesLinkFunctions(MeetingCommands commands, MeetingReads reads, LinkIssuing issuing, LinkAccessLog accessLog, TimeProvider clock)
{
    /// <summary>Every link issued to the meeting's minutes, oldest first, and whether each is live, expired or revoked.</summary>
    [Function("ListMinutesLinks")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}/links")] HttpRequest request, string meetingId) =>
        reads.ReadAsync(request, meetingId, state =>
        {
            var now = clock.GetUtcNow();
            return TypedResults.Json(state.MinutesLinks.Values.OrderBy(l => l.IssuedAt).Select(l => new MinutesLinkRow(
                l.Issued.LinkId, l.Issued.Recipient, l.IssuedAt, l.Issued.ExpiresAt, l.Issued.MinutesVersion,
                l.RevokedAt is not null ? "revoked" : l.Issued.ExpiresAt <= now ? "expired" : "live", l.RevokedAt,
                $"/api/meetings/{state.MeetingId}/links/{l.Issued.LinkId}")).ToList(), RecordJson.Options);
        });

    /// <summary>Every opening of the meeting's minutes links, oldest first, as for a case's Panel links.</summary>
    [Function("GetMinutesLinkAccesses")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Accesses([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}/link-accesses")] HttpRequest request, string meetingId) =>
        reads.ReadAsync(request, meetingId, async (_, _) =>
        {
            var http = request.HttpContext;
            http.Response.Headers.Remove("ETag"); // the log grows while the meeting's version stays
            var accesses = await accessLog.ReadAsync(LinkTarget.Meeting, meetingId, http.RequestAborted);
            return TypedResults.Json(new MeetingLinkAccesses(meetingId, [.. accesses.Select(a => new LinkAccessSeen(a.LinkId, a.Time, a.ClientNetwork, a.UserAgent))]), RecordJson.Options);
        });

    [Function("IssueMinutesLink")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Issue(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/links")] HttpRequest request,
        string meetingId,
        [DurableClient] DurableTaskClient client) =>
        issuing.IssueAsync(request, commands, LinkTarget.Meeting, meetingId, client,
            (state, link) => MinutesLinks.Issue(state, link.LinkId, link.Recipient, link.ExpiresAt, link.Now),
            Answer);

    private static IssuedMinutesLink Answer(MeetingState state, string linkId, string? token)
    {
        var issued = state.MinutesLinks[linkId].Issued;
        return new IssuedMinutesLink(linkId, issued.Recipient, issued.ExpiresAt, issued.MinutesVersion,
            token, token is null ? null : $"/api/links/{token}", $"/api/meetings/{state.MeetingId}/links/{linkId}");
    }

    [Function("RevokeMinutesLink")]
    [AllowRoles(Roles.Secas)]
    public Task<IResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "meetings/{meetingId}/links/{linkId}")] HttpRequest request,
        string meetingId,
        string linkId,
        [DurableClient] DurableTaskClient client) =>
        issuing.RevokeAsync(request, commands, LinkTarget.Meeting, meetingId, linkId, client, (s, reason) => MinutesLinks.Revoke(s, linkId, reason));
}
