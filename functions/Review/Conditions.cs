using Opsg.Functions.Cases;

namespace Opsg.Functions.Review;

/// <summary>The two bodies whose views are consolidated into the one report to the Panel.</summary>
public enum Body { Opsg, Tag }

/// <summary>
/// A condition one body set when it accepted a criterion, and whether it still stands. It is
/// discharged by a post-meeting note on the LSC itself, or, when it rests on the provisions of a
/// residual risk, by a note discharging that risk's caveat, or, when an action delivers it, by the
/// note that closes the action (or the later meeting's review that closes it).
/// </summary>
public sealed record CriterionCondition(Body SetBy, int Lsc, string Condition, int? ConditionRisk, PostMeetingNoteAdded? DischargedBy)
{
    public bool Discharged => DischargedBy is not null;

    /// <summary>The condition fell away with the caveat of the risk it rests on, not by a note on the LSC.</summary>
    public bool DischargedThroughRisk => DischargedBy is { Risk: not null };
}

/// <summary>
/// A residual risk accepted subject to an action, and whether its caveat has been discharged since: by a note on the
/// risk, or by the note that closes the action.
/// </summary>
public sealed record RiskCaveat(int Risk, string? ActionId, PostMeetingNoteAdded? DischargedBy)
{
    public bool Discharged => DischargedBy is not null;
}

/// <summary>
/// The one place that decides whether a condition is open or discharged. The review, the recommendation,
/// the minutes, the Panel report and the changes between versions all read these answers; none works
/// it out again. Pure: a function of the folded state.
/// </summary>
public static class Conditions
{
    /// <summary>Every condition either body set, in LSC order (the OPSG's first where both set one).</summary>
    public static IReadOnlyList<CriterionCondition> Of(CaseState state)
    {
        var opsg = state.CriterionDecisions.Values
            .Where(d => d.Decision == CriterionDecision.AcceptedSubjectToCondition)
            .Select(d => Condition(state, Body.Opsg, d.Lsc, d.Condition, d.ConditionRisk, d.ConditionAction));
        var tag = (state.TagView?.Criteria ?? [])
            .Where(t => t.Decision == CriterionDecision.AcceptedSubjectToCondition)
            .Select(t => Condition(state, Body.Tag, t.Lsc, t.Condition, t.ConditionRisk, null));
        return opsg.Concat(tag).OrderBy(c => c.Lsc).ThenBy(c => c.SetBy).ToList();
    }

    /// <summary>The condition <paramref name="body"/> set on <paramref name="lsc"/>, if it set one.</summary>
    public static CriterionCondition? On(CaseState state, Body body, int lsc) =>
        Of(state).FirstOrDefault(c => c.SetBy == body && c.Lsc == lsc);

    /// <summary>Every risk accepted subject to an action, with its caveat's state, in risk order.</summary>
    public static IReadOnlyList<RiskCaveat> Caveats(CaseState state) =>
        state.RiskDecisions.Values
            .Where(d => d.Decision == RiskDecision.AcceptedSubjectToAction)
            .Select(d => new RiskCaveat(d.Number, d.ActionId, RiskDischarge(state, d.Number)))
            .ToList();

    public static RiskCaveat? CaveatOn(CaseState state, int risk) => Caveats(state).FirstOrDefault(c => c.Risk == risk);

    /// <summary>How a condition reads where the record gives no words of its own.</summary>
    public static string Wording(string? condition, int? risk) =>
        condition ?? (risk is { } r ? $"the provisions of Residual Risk {r}" : "a stated condition");

    private static CriterionCondition Condition(CaseState state, Body body, int lsc, string? condition, int? risk, string? deliveredBy)
    {
        var discharge = state.Notes.LastOrDefault(n => n.Effect == NoteEffect.ConditionDischarged && n.Lsc == lsc)
            ?? (risk is { } r ? RiskDischarge(state, r) : null)
            ?? Closing(state, deliveredBy);
        return new CriterionCondition(body, lsc, Wording(condition, risk), risk, discharge);
    }

    /// <summary>
    /// The note that closed the action, if one did; else the later meeting's review that closed it, read as the note
    /// it stands for (dated the day of that meeting, in its words), so a condition it delivers discharges in every view.
    /// </summary>
    private static PostMeetingNoteAdded? Closing(CaseState state, string? actionId) =>
        actionId is null ? null
        : state.Notes.LastOrDefault(n => n.Effect == NoteEffect.ActionClosed && n.ActionId == actionId)
          ?? (ReviewFacts.Action(state, actionId)?.ClosedAtMeeting is { } review
              ? new PostMeetingNoteAdded(review.MeetingId, NoteEffect.ActionClosed, actionId, null, null, review.HeldOn, review.Summary)
              : null);

    /// <summary>What discharged a risk's caveat: a note on the risk, else the note closing the action it was accepted subject to.</summary>
    private static PostMeetingNoteAdded? RiskDischarge(CaseState state, int risk) =>
        CaveatDischarge(state, risk) ?? Closing(state, state.RiskDecisions.GetValueOrDefault(risk)?.ActionId);

    private static PostMeetingNoteAdded? CaveatDischarge(CaseState state, int risk) =>
        state.Notes.LastOrDefault(n => n.Effect == NoteEffect.ConditionDischarged && n.Risk == risk && n.Lsc is null);
}
