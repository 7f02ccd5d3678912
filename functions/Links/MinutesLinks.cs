using Opsg.Functions.Meetings;
using Opsg.Functions.Records;

namespace Opsg.Functions.Links;

/// <summary>
/// Publishable final minutes may be shared by link, as a Panel report is: SECAS issues and revokes the link on the
/// meeting's record, and whoever holds the token reads the latest final minutes. Drafts are for members only, and
/// minutes not for publication are never put behind a link anyone holding it could pass on.
/// </summary>
public static class MinutesLinks
{
    public static Decision Issue(MeetingState state, string linkId, string? recipient, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        if (!state.Exists) return MeetingRules.NotFound(state.MeetingId);
        var classification = state.Scheduled!.Classification;
        if (classification == Classification.NotForPublication)
            return Rejection.OutOfOrder($"The minutes of {state.MeetingId} are not for publication: only publishable minutes are shared by link.");
        if (!state.IsFinal)
            return Rejection.OutOfOrder($"The minutes of {state.MeetingId} are not final: only final minutes are shared by link, once a later meeting approves them.");
        if (state.LatestFinalMinutes is not { } minutes)
            return state.MinutesRequested || !state.Minutes.IsEmpty
                ? Rejection.OutOfOrder($"The final minutes of {state.MeetingId} are not rendered yet; try again shortly.")
                : Rejection.OutOfOrder($"No minutes of {state.MeetingId} were ever drafted here (they were kept elsewhere): there is nothing to share by link.");

        var v = new Validator();
        IssueLink.CheckLifetime(v, classification, expiresAt, now);
        if (v.ToRejection() is { } invalid) return invalid;
        return Decision.Accept(new MinutesLinkIssued(linkId, recipient, expiresAt.ToUniversalTime(), minutes.Version));
    }

    public static Decision Revoke(MeetingState state, string linkId, string? reason)
    {
        if (!state.Exists) return MeetingRules.NotFound(state.MeetingId);
        if (RevokeLink.Refusal(state.MinutesLinks, $"Meeting '{state.MeetingId}'", linkId) is { } refused) return refused;
        return Decision.Accept(new MinutesLinkRevoked(linkId, reason));
    }

    /// <summary>The minutes a token opens now: the history, not the links table, says whether the link still works.</summary>
    public static MinutesRendered? Opened(MeetingState state, string linkId, DateTimeOffset now) =>
        state.MinutesLinks.TryGetValue(linkId, out var link) && link.IsUsableAt(now) ? state.LatestFinalMinutes : null;
}
