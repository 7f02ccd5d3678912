using Opsg.Functions.Records;
using Opsg.Functions.Review;

namespace Opsg.Functions.Meetings;

public sealed record MeetingActionRequest(string? Text, string? Owner, string? Target);

/// <summary>
/// An action raised under the item that raised it. Its number comes from the meeting's counter (the one the cases
/// reviewed at this meeting share), reserved only once the raise is sure to be recorded; the ID is the meeting's
/// and two digits ("OPSG 25/07"), never typed. A target is a date, a later meeting, ASAP, TBD or N/A.
/// </summary>
public static class MeetingActions
{
    public static (MeetingActionRequest? Command, Rejection? Rejection) Validate(MeetingActionRequest request)
    {
        var v = new Validator();
        var command = request with
        {
            Text = v.Text(request.Text, "text", Validator.MaxLongText),
            Owner = v.Text(request.Owner, "owner", 100),
            Target = v.OptionalText(request.Target, "target", 40),
        };
        if (command.Target is { } target)
            v.Check(ActionTargets.IsValid(target), "target", ActionTargets.Expected);
        return v.ToRejection() is { } rejection ? (null, rejection) : (command, null);
    }

    public static Rejection? CanRaise(MeetingState state, int item, MeetingActionRequest command)
    {
        var (_, refused) = AgendaItems.Find(state, item);
        if (refused is not null) return refused;
        return command.Target is { } t && ActionTargets.AsDate(t) is { } date && date < state.Scheduled!.Date
            ? Rejection.Invalid("target", "The target cannot be before the meeting that raised the action.")
            : null;
    }

    public static Decision Raise(MeetingState state, int item, MeetingActionRequest command, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (CanRaise(state, item, command) is { } refused) return refused;
        var actionId = ReviewFacts.ActionId(state.MeetingId, number);
        if (state.Actions.Any(a => a.Number == number))
            return new Rejection(409, "The action number is taken.", $"Action {actionId} already exists; nothing was recorded. Send the request again for a new number.");
        return Decision.Accept(new MeetingActionRaised(item, actionId, number, command.Text!, command.Owner!, state.Scheduled!.Date, command.Target));
    }
}
