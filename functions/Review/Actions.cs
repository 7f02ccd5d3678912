using Opsg.Functions.Cases;

namespace Opsg.Functions.Review;

public sealed record RaiseActionRequest(string? Text, string? Owner, DateOnly? RaisedOn, DateOnly? TargetDate);

public sealed record ReviseTargetRequest(DateOnly? RevisedTarget, string? Reason);

public sealed record ActionProgressRequest(DateOnly? On, string? Text);

/// <summary>
/// Actions raised at the meeting. The engine assigns the ID (meeting + two-digit sequence); it is
/// never typed, never changed and never reused, so "25/110"-style mistakes cannot happen.
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
        if (request.RaisedOn is { } raised && request.TargetDate is { } target)
            v.Check(target >= raised, "targetDate", "The target date cannot be before the action was raised.");
        return v.ToRejection() is { } rejection ? (null, rejection) : (command, null);
    }

    public static Decision Raise(CaseState state, RaiseActionRequest command)
    {
        if (CaseRules.MeetingOpen(state) is { } refused) return refused;
        var raisedOn = command.RaisedOn ?? state.Meeting!.Date;
        if (command.TargetDate is { } target && target < raisedOn)
            return Rejection.Invalid("targetDate", "The target date cannot be before the action was raised.");
        var number = state.Actions.Count + 1;
        return Decision.Accept(new ActionRaised(ReviewFacts.ActionId(state.Meeting!.MeetingId, number), number, command.Text!, command.Owner!, raisedOn, command.TargetDate));
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
        var action = state.Actions[number - 1];
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
        var action = state.Actions[number - 1];
        return command.On!.Value < action.Raised.RaisedOn
            ? Rejection.Invalid("on", "Progress cannot be dated before the action was raised.")
            : Decision.Accept(new ActionProgressNoted(action.Raised.ActionId, command.On.Value, command.Text!));
    }

    /// <summary>Actions are numbered 1.. in the order raised and never removed, so the number indexes them.</summary>
    public static ActionState? ByNumber(CaseState state, int number) =>
        number >= 1 && number <= state.Actions.Count ? state.Actions[number - 1] : null;

    private static Rejection? OpenAction(CaseState state, int number)
    {
        if (CaseRules.MeetingOpen(state) is { } refused) return refused;
        var action = ByNumber(state, number);
        if (action is null) return new Rejection(404, "No such action.", $"Case '{state.CaseId}' has no action number {number}.");
        return action.IsOpen ? null : Rejection.OutOfOrder($"Action {action.Raised.ActionId} is closed.");
    }
}
