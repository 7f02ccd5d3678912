using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Meetings;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Links;

/// <summary>A link to a meeting's final minutes as issued; the token is in the first answer only.</summary>
public sealed record IssuedMinutesLink(string LinkId, string? Recipient, DateTimeOffset ExpiresAt, int MinutesVersion, string? Token, string? Url, string RevokeDeleteUri);

/// <summary>
/// SECAS shares a meeting's publishable final minutes by link, and takes the link back, as for a Panel report; the
/// token opens them at <c>GET /api/links/{token}</c> (<see cref="LinkFunctions.Open"/>).
/// </summary>
public sealed class MinutesLinkFunctions(MeetingCommands commands, LinkIssuing issuing)
{
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
