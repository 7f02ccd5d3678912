using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Links;

/// <summary>SECAS takes a link back; its token stops working at once.</summary>
public static class RevokeLink
{
    /// <summary>The optional reason is text in the record like any other: plain, within its limit.</summary>
    public static (string? Reason, Rejection? Rejection) Validate(string? reason)
    {
        var v = new Validator();
        var text = v.OptionalText(reason, "reason");
        return (text, v.ToRejection());
    }

    public static Decision Decide(CaseState state, string linkId, string? reason)
    {
        if (!state.Exists) return CaseRules.NotFound(state.CaseId);
        if (Refusal(state.Links, $"Case '{state.CaseId}'", linkId) is { } refused) return refused;
        return Decision.Accept(new LinkRevoked(linkId, reason));
    }

    /// <summary>The refusals every revocation shares, whatever the link opens: no such link on the record, or already revoked.</summary>
    public static Rejection? Refusal<TIssued>(IReadOnlyDictionary<string, LinkState<TIssued>> links, string record, string linkId) where TIssued : ILinkIssued =>
        !links.TryGetValue(linkId, out var link) ? new Rejection(404, "No such link.", $"{record} has no link '{linkId}'.")
        : link.RevokedAt is not null ? Rejection.OutOfOrder($"Link '{linkId}' was already revoked.")
        : null;
}
