using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Review;

public sealed record RaiseActionRequest(string? Text, string? Owner, DateOnly? RaisedOn, DateOnly? TargetDate);

public sealed record ReviseTargetRequest(DateOnly? RevisedTarget, string? Reason);

public sealed record ActionProgressRequest(DateOnly? On, string? Text);

/// <summary>
/// Actions raised at the meeting. The engine assigns the ID (meeting + two-digit sequence); it is
/// never typed, never changed and never reused, so "25/110"-style mistakes cannot happen. The sequence
/// belongs to the meeting, not the case: every case reviewed at one meeting numbers from the same
/// counter, reserved outside the case and handed to <see cref="Raise"/> as input. <see cref="CanRaise"/>
/// says beforehand whether the raise would be refused, so a refusal takes no number.
/// </summary>
public static class Actions
{
    public static (RaiseActionRequest? Command, Rejection? Rejection) Validate(RaiseActionRequest request)
    {
        var v = new Validator();
        var command = request with
        {
            Text = v.Text(request.Text, "text", Validator.MaxLongText),
            Owner = v.Text(request.Owner, "owner", 100),
        };
        return v.ToRejection() is { } rejection ? (null, rejection) : (command, null);
    }

    /// <summary>Why raising this action would be refused, whatever number it got; null when it would be recorded.</summary>
    public static Rejection? CanRaise(CaseState state, RaiseActionRequest command)
    {
        if (ReviewRules.MeetingOpen(state) is { } refused) return refused;
        var raisedOn = command.RaisedOn ?? state.Meeting!.Date;
        return command.TargetDate is { } target && target < raisedOn
            ? Rejection.Invalid("targetDate", "The target date cannot be before the action was raised.")
            : null;
    }

    /// <summary>The meeting whose counter numbers this case's actions (once <see cref="CanRaise"/> has let the raise through).</summary>
    public static string NumberingMeeting(CaseState state) => state.Meeting!.MeetingId;

    /// <summary>Raises the action as number <paramref name="number"/> of its meeting, reserved for it beforehand.</summary>
    public static Decision Raise(CaseState state, RaiseActionRequest command, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (CanRaise(state, command) is { } refused) return refused;
        var actionId = ReviewFacts.ActionId(state.Meeting!.MeetingId, number);
        // The meeting's counter never hands a number out twice; this only guards the case against a counter that was lost.
        if (ByNumber(state, number) is not null || ReviewFacts.Action(state, actionId) is not null)
            return new Rejection(409, "The action number is taken.", $"Action {actionId} already exists in this case; nothing was recorded. Send the request again for a new number.");
        return Decision.Accept(new ActionRaised(actionId, number, command.Text!, command.Owner!, command.RaisedOn ?? state.Meeting!.Date, command.TargetDate));
    }

    public static (ReviseTargetRequest? Command, Rejection? Rejection) ValidateRevision(ReviseTargetRequest request)
    {
        var v = new Validator();
        v.Required(request.RevisedTarget, "revisedTarget");
        var command = request with { Reason = v.OptionalText(request.Reason, "reason", Validator.MaxLongText) };
        return v.ToRejection() is { } rejection ? (null, rejection) : (command, null);
    }

    /// <summary>A revised target is added to the action's history of targets; the earlier ones stay.</summary>
    public static Decision Revise(CaseState state, int number, ReviseTargetRequest command)
    {
        if (OpenAction(state, number) is { } refused) return refused;
        var action = ByNumber(state, number)!;
        var target = command.RevisedTarget!.Value;
        if (target < action.Raised.RaisedOn) return Rejection.Invalid("revisedTarget", "The target date cannot be before the action was raised.");
        if (action.CurrentTarget == target) return Decision.Accept();
        return Decision.Accept(new ActionTargetRevised(action.Raised.ActionId, target, command.Reason));
    }

    public static (ActionProgressRequest? Command, Rejection? Rejection) ValidateProgress(ActionProgressRequest request)
    {
        var v = new Validator();
        v.Required(request.On, "on");
        var command = request with { Text = v.Text(request.Text, "text", Validator.MaxLongText) };
        return v.ToRejection() is { } rejection ? (null, rejection) : (command, null);
    }

    public static Decision NoteProgress(CaseState state, int number, ActionProgressRequest command)
    {
        if (OpenAction(state, number) is { } refused) return refused;
        var action = ByNumber(state, number)!;
        return command.On!.Value < action.Raised.RaisedOn
            ? Rejection.Invalid("on", "Progress cannot be dated before the action was raised.")
            : Decision.Accept(new ActionProgressNoted(action.Raised.ActionId, command.On.Value, command.Text!));
    }

    /// <summary>The case's action with that number (the sequence in its ID: 3 for "OPSG 29xxx/03"), if it has one.</summary>
    public static ActionState? ByNumber(CaseState state, int number) =>
        state.Actions.FirstOrDefault(a => a.Raised.Number == number);

    public static Rejection NoSuchAction(string caseId, int number) =>
        new(404, "No such action.", $"Case '{caseId}' has no action number {number}.");

    private static Rejection? OpenAction(CaseState state, int number)
    {
        if (ReviewRules.MeetingOpen(state) is { } refused) return refused;
        var action = ByNumber(state, number);
        if (action is null) return NoSuchAction(state.CaseId, number);
        return action.IsOpen ? null : Rejection.OutOfOrder($"Action {action.Raised.ActionId} is closed.");
    }
}
