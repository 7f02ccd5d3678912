using Opsg.Functions.Cases;

namespace Opsg.Functions.Links;

/// <summary>
/// Someone presents a token: the history, not the links table, says whether the link still works.
/// Opening it changes nothing in the case; the access goes to the link access log.
/// </summary>
public static class OpenLink
{
    public static bool IsOpenAt(CaseState state, string linkId, DateTimeOffset now) =>
        state.Links.TryGetValue(linkId, out var link) && link.IsUsableAt(now) && !state.IsTerminated;
}
