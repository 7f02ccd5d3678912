using Opsg.Functions.Cases;

namespace Opsg.Functions.Review;

/// <summary>
/// Where one residual risk stands: what the OPSG decided at the meeting and what it is now. They differ
/// only where the Group accepted a risk with its removal pending the TAG's approval and the TAG has since
/// said: approved, and the risk is removed; not approved, and it stays, accepted.
/// </summary>
public sealed record RiskStanding(int Risk, RiskDecision Decided, RiskDecision Now, RiskRemoval? TagRemoval)
{
    /// <summary>The TAG's view settled a removal the OPSG left pending.</summary>
    public bool SettledByTag => Decided != Now;
}

/// <summary>
/// The one place that settles a pending removal against the TAG's view. The review, the recommendation,
/// the minutes, the Panel report and its picture all read these answers. Pure: a function of the folded
/// state, whichever came first, the OPSG's decision or the TAG's view.
/// </summary>
public static class RiskStandings
{
    /// <summary>Every decided risk, in risk order.</summary>
    public static IReadOnlyList<RiskStanding> Of(CaseState state) =>
        state.RiskDecisions.Values.Select(d => Standing(state, d)).ToList();

    /// <summary>Null while the OPSG has not decided on the risk.</summary>
    public static RiskStanding? On(CaseState state, int risk) =>
        state.RiskDecisions.TryGetValue(risk, out var decided) ? Standing(state, decided) : null;

    private static RiskStanding Standing(CaseState state, RiskDecided decided)
    {
        var removal = state.TagView?.Risks.FirstOrDefault(r => r.Number == decided.Number)?.Removal;
        var now = (decided.Decision, removal) switch
        {
            (RiskDecision.AcceptedRemovalPendingTagApproval, RiskRemoval.Approved) => RiskDecision.Removed,
            (RiskDecision.AcceptedRemovalPendingTagApproval, RiskRemoval.NotApproved) => RiskDecision.Accepted,
            _ => decided.Decision,
        };
        return new RiskStanding(decided.Number, decided.Decision, now, removal);
    }
}
