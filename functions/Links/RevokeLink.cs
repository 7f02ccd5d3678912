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
        if (!state.Links.TryGetValue(linkId, out var link)) return new Rejection(404, "No such link.", $"Case '{state.CaseId}' has no link '{linkId}'.");
        if (link.RevokedAt is not null) return Rejection.OutOfOrder($"Link '{linkId}' was already revoked.");
        return Decision.Accept(new LinkRevoked(linkId, reason));
    }
}
