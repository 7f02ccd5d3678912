using System.Text.RegularExpressions;
using Opsg.Functions.Records;
using Opsg.Functions.Review;

namespace Opsg.Functions.Meetings;

public sealed record ActionReviewRequest(string? ActionId, string? Discussion, string? RevisedTarget, string? Outcome, string? SupersededBy, string? TransferredTo, string? Project);

/// <summary>
/// The Group reviews an action raised at an earlier meeting, under one of this meeting's items: what was said, a revised
/// target, and whether it stays open or is closed (superseded by another action, transferred to a named body, or moved
/// into a named project). An action is reviewed once per meeting, and never again once closed.
/// </summary>
public static partial class ActionReviews
{
    public static (ActionReviewRequest? Command, Rejection? Rejection) Validate(ActionReviewRequest request)
    {
        var v = new Validator();
        var actionId = v.Text(request.ActionId, "actionId", 40);
        v.Check(request.ActionId is null || IsActionId(actionId), "actionId", "An action ID as the minutes print it, e.g. OPSG 23/05.");
        var discussion = v.Text(request.Discussion, "discussion", Validator.MaxLongText);
        TextLinks.Check(v, discussion, "discussion");
        var revised = v.OptionalText(request.RevisedTarget, "revisedTarget", 40);
        if (revised is not null) v.Check(ActionTargets.IsValid(revised), "revisedTarget", ActionTargets.Expected);
        var outcome = v.Enum<ActionReviewOutcome>(request.Outcome, "outcome");
        var supersededBy = v.OptionalText(request.SupersededBy, "supersededBy", 40);
        var transferredTo = v.OptionalText(request.TransferredTo, "transferredTo", 200);
        var project = v.OptionalText(request.Project, "project", 200);
        v.Check((supersededBy is not null) == (outcome == ActionReviewOutcome.Superseded), "supersededBy", "Names the action that supersedes this one, only when the outcome is superseded.");
        if (supersededBy is not null) v.Check(IsActionId(supersededBy), "supersededBy", "An action ID as the minutes print it, e.g. OPSG 25/01.");
        v.Check((transferredTo is not null) == (outcome == ActionReviewOutcome.Transferred), "transferredTo", "Names the body the action goes to, only when the outcome is transferred.");
        v.Check((project is not null) == (outcome == ActionReviewOutcome.MovedToProject), "project", "Names the project the work moved into, only when the outcome is movedToProject.");
        return v.ToRejection() is { } rejection
            ? (null, rejection)
            : (request with { ActionId = actionId, Discussion = discussion, RevisedTarget = revised, SupersededBy = supersededBy, TransferredTo = transferredTo, Project = project }, null);
    }

    public static Decision Decide(MeetingState state, int item, ActionReviewRequest command, ActionsAcrossMeetings actions)
    {
        var (_, refused) = AgendaItems.Find(state, item);
        if (refused is not null) return refused;
        var held = state.Scheduled!.Date;
        if (actions.Find(command.ActionId!) is not { } action) return NoSuchAction(command.ActionId!);
        if (action.RaisedAt == state.MeetingId || action.RaisedOn >= held)
            return Rejection.OutOfOrder($"Action {action.ActionId} was raised at this meeting or later; a later meeting reviews it.");
        if (action.ClosedBefore(held) is { } closed)
            return Rejection.OutOfOrder($"Action {action.ActionId} was closed at {closed.MeetingId}; a closed action is not reviewed again.");
        if (action.Reviews.Any(r => r.MeetingId == state.MeetingId))
            return Rejection.OutOfOrder($"Action {action.ActionId} was already reviewed at {state.MeetingId}; nothing was recorded.");
        if (command.RevisedTarget is { } target && ActionTargets.AsDate(target) is { } date && date < action.RaisedOn)
            return Rejection.Invalid("revisedTarget", $"A target cannot be before the action was raised ({action.RaisedOn:yyyy-MM-dd}).");
        if (command.SupersededBy is { } by)
        {
            if (actions.Find(by) is null) return NoSuchAction(by);
            if (string.Equals(by, action.ActionId, StringComparison.OrdinalIgnoreCase))
                return Rejection.Invalid("supersededBy", "An action cannot supersede itself.");
        }
        return Decision.Accept(new ActionReviewed(item, action.ActionId, command.Discussion!, command.RevisedTarget,
            Enum.Parse<ActionReviewOutcome>(command.Outcome!, ignoreCase: true), command.SupersededBy, command.TransferredTo, command.Project, action.CaseId));
    }

    /// <summary>What became of the action, in the minutes' words: "open, target revised to 05/11/2019", "closed, superseded by OPSG 25/01".</summary>
    public static string Outcome(ActionReviewed review) => review.Outcome switch
    {
        ActionReviewOutcome.Open => review.RevisedTarget is { } t ? $"open, target revised to {ActionTargets.Printed(t)}" : "open",
        ActionReviewOutcome.Closed => "closed",
        ActionReviewOutcome.Superseded => $"closed, superseded by {review.SupersededBy}",
        ActionReviewOutcome.Transferred => $"closed, transferred to the {review.TransferredTo}",
        _ => $"closed, the work continues in the {review.Project}",
    };

    /// <summary>The review as the case that raised the action keeps it (see <see cref="ActionReviewedAtMeeting"/>).</summary>
    public static ActionReviewedAtMeeting ForCase(ActionReviewed review, string meetingId, DateOnly heldOn) =>
        new(review.ActionId, meetingId, heldOn, review.Discussion, review.RevisedTarget,
            review.RevisedTarget is { } target ? ActionTargets.AsDate(target) : null, review.Outcome != ActionReviewOutcome.Open, Outcome(review));

    public static Rejection NoSuchAction(string actionId) => new(404, "No such action.", $"No meeting raised or imported an action '{actionId}'.");

    /// <summary>"OPSG 23/05", "OPSG 29xxx/01": a meeting and a two-digit number.</summary>
    public static bool IsActionId(string text) => ActionIdPattern().IsMatch(text);

    [GeneratedRegex("^OPSG [0-9]{1,4}[A-Za-z]{0,8}/[0-9]{2}$")]
    private static partial Regex ActionIdPattern();
}
