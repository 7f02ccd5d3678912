using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

public sealed record ImportedActionRequest(string? ActionId, DateOnly? RaisedOn, string? Text, string? Owner, string? Target);

/// <summary>
/// An action raised before the system existed, brought in once, by the meeting that first reviews it, with the ID, date,
/// target and owner it already has. An ID the system knows is refused, and so is one of a meeting that has raised actions
/// here: that meeting's counter numbers its actions. (A meeting recorded only for its place in the calendar, its
/// actions kept on paper, has its open ones imported like any older meeting's.)
/// </summary>
public static class ImportedActions
{
    public static (ImportedActionRequest? Command, Rejection? Rejection) Validate(ImportedActionRequest request)
    {
        var v = new Validator();
        var actionId = v.Text(request.ActionId, "actionId", 40);
        v.Check(request.ActionId is null || ActionReviews.IsActionId(actionId), "actionId", "An action ID as the minutes printed it, e.g. OPSG 11/02.");
        v.Required(request.RaisedOn, "raisedOn");
        var text = v.Text(request.Text, "text", Validator.MaxLongText);
        TextLinks.Check(v, text, "text");
        var owner = v.Text(request.Owner, "owner", 100);
        var target = v.OptionalText(request.Target, "target", 40);
        if (target is not null) v.Check(ActionTargets.IsValid(target), "target", ActionTargets.Expected);
        if (request.RaisedOn is { } raised && target is not null && ActionTargets.AsDate(target) is { } due)
            v.Check(due >= raised, "target", "A target cannot be before the action was raised.");
        return v.ToRejection() is { } rejection ? (null, rejection) : (request with { ActionId = actionId, Text = text, Owner = owner, Target = target }, null);
    }

    public static Decision Decide(MeetingState state, ImportedActionRequest command, ActionsAcrossMeetings actions)
    {
        if (MeetingRules.Open(state) is { } refused) return refused;
        if (command.RaisedOn >= state.Scheduled!.Date)
            return Rejection.Invalid("raisedOn", $"An imported action was raised before {state.MeetingId}, the meeting that imports it.");
        var actionId = command.ActionId!;
        if (actions.Find(actionId) is { } known)
            return new Rejection(409, "The action exists.", $"Action {known.ActionId} is already known ({(known.Imported ? "imported at " + known.ImportedAt : "raised at " + known.RaisedAt)}); nothing was recorded.");
        var raisingMeeting = ActionHistory.MeetingOf(actionId);
        if (actions.RaisesActions(raisingMeeting))
            return new Rejection(409, "The meeting raises its actions here.", $"{raisingMeeting} has raised actions in this system: they are numbered by its counter, not imported.");
        return Decision.Accept(new ActionImported(actionId, command.RaisedOn!.Value, command.Text!, command.Owner!, command.Target));
    }
}
