using Opsg.Functions.Cases;

namespace Opsg.Functions.Links;

/// <summary>Someone presents a token: the history, not the links table, says whether the link still works.</summary>
public static class OpenLink
{
    public static Decision Decide(CaseState state, string linkId, DateTimeOffset now) =>
        state.Links.TryGetValue(linkId, out var link) && link.IsUsableAt(now) && !state.IsTerminated
            ? Decision.Accept(new LinkAccessed(linkId))
            : new Rejection(404, "No such link.", "The link is not usable.");
}
