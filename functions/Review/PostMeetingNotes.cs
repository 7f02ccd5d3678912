using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Review;

public sealed record PostMeetingNoteRequest(string? Effect, string? ActionId, int? Lsc, int? Risk, DateOnly? On, string? Text);

/// <summary>
/// Facts added after the meeting, shown in brackets in the minutes, dated where the note gives a date
/// (never before the meeting) and undated otherwise. Closing an action or discharging a condition
/// changes what the Panel is told, so each effect is checked against the record.
/// </summary>
public static class PostMeetingNotes
{
    public static (PostMeetingNoteAdded? Event, Rejection? Rejection) Validate(PostMeetingNoteRequest request)
    {
        var v = new Validator();
        var effect = v.Enum<NoteEffect>(request.Effect, "effect");
        var text = v.Text(request.Text, "text", Validator.MaxLongText);
        var action = v.OptionalText(request.ActionId, "actionId", 40);
        switch (effect)
        {
            case NoteEffect.ActionClosed:
                v.Check(action is not null, "actionId", "Name the action the note closes.");
                v.Check(request.Lsc is null && request.Risk is null, "actionId", "A note that closes an action is about that action only.");
                break;
            case NoteEffect.ConditionDischarged:
                v.Check(request.Lsc is null != request.Risk is null, "lsc", "Name either the LSC whose condition, or the risk whose caveat, is discharged.");
                v.Check(action is null, "actionId", "A discharge note names an LSC or a risk, not an action.");
                break;
        }
        return v.ToRejection() is { } rejection ? (null, rejection) : (new PostMeetingNoteAdded("", effect, action, request.Lsc, request.Risk, request.On, text), null);
    }

    public static Decision Decide(CaseState state, PostMeetingNoteAdded note)
    {
        if (ReviewRules.MeetingOpen(state) is { } refused) return refused;
        if (note.On is { } on && on < state.Meeting!.Date) return Rejection.Invalid("on", "A post-meeting note cannot be dated before the meeting.");
        if (note.ActionId is { } actionId && ReviewFacts.Action(state, actionId) is null)
            return Rejection.Invalid("actionId", $"There is no action {actionId}.");
        if (note.Lsc is { } lsc && LscProblem(state, lsc) is { } lscProblem)
            return Rejection.Invalid("lsc", lscProblem);
        if (note.Risk is { } risk && !ReviewFacts.RiskNumbers(state).Contains(risk))
            return Rejection.Invalid("risk", $"There is no residual risk {risk}.");

        var problem = note.Effect switch
        {
            NoteEffect.ActionClosed when !ReviewFacts.Action(state, note.ActionId!)!.IsOpen => $"Action {note.ActionId} is already closed.",
            NoteEffect.ConditionDischarged when note.Lsc is { } l => LscDischargeProblem(state, l),
            NoteEffect.ConditionDischarged when note.Risk is { } r => RiskDischargeProblem(state, r),
            _ => null,
        };
        if (problem is not null) return Rejection.OutOfOrder(problem);

        var canonicalAction = note.ActionId is null ? null : ReviewFacts.Action(state, note.ActionId)!.Raised.ActionId;
        return Decision.Accept(note with { NoteId = $"PMN-{state.Notes.Count + 1}", ActionId = canonicalAction });
    }

    /// <summary>A note may concern any LSC of the case: in its catalogue, and in the OPSG's or the TAG's scope.</summary>
    private static string? LscProblem(CaseState state, int lsc)
    {
        var submission = state.Submission!;
        return state.Catalogue.Miss(lsc)
            ?? (submission.OpsgScope.Contains(lsc) || submission.TagScope.Contains(lsc) ? null : $"LSC {lsc} is in neither the OPSG's nor the TAG's scope.");
    }

    // Whichever body set the condition, a note on the LSC discharges it. One discharged only by the closing of the action
    // that delivers it may still have its own note, saying so: the note then stands as its discharge.
    private static string? LscDischargeProblem(CaseState state, int lsc)
    {
        var conditions = Conditions.Of(state).Where(c => c.Lsc == lsc).ToList();
        return conditions.Count == 0 ? $"LSC {lsc} was not accepted subject to a condition; there is nothing to discharge."
            : conditions.All(c => c.Discharged && c.DischargedBy!.Effect != NoteEffect.ActionClosed) ? $"The condition on LSC {lsc} is already discharged."
            : null;
    }

    private static string? RiskDischargeProblem(CaseState state, int risk) =>
        Conditions.CaveatOn(state, risk) is not { } caveat ? $"Risk {risk} was not accepted subject to an action; there is no caveat to discharge."
        : caveat.Discharged && caveat.DischargedBy!.Effect != NoteEffect.ActionClosed ? $"The caveat on risk {risk} is already discharged."
        : null;
}
