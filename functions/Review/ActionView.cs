namespace Opsg.Functions.Review;

/// <summary>An action as participants read it: its target history, progress and where it stands.</summary>
public sealed record ActionView(
    string Id,
    string Text,
    string Owner,
    DateOnly RaisedOn,
    DateOnly? TargetDate,
    IReadOnlyList<ActionTargetRevised> Revisions,
    DateOnly? CurrentTarget,
    string Status,
    DateOnly? ClosedOn,
    string? ClosingNote,
    IReadOnlyList<ActionProgressNoted> Progress,
    IReadOnlyList<ActionReviewedAtMeeting> ReviewedAtMeetings)
{
    public static ActionView Of(ActionState a) => new(
        a.Raised.ActionId,
        a.Raised.Text,
        a.Raised.Owner,
        a.Raised.RaisedOn,
        a.Raised.TargetDate,
        a.Revisions,
        a.CurrentTarget,
        a.IsOpen ? "open" : "closed",
        a.ClosedOn,
        a.ClosingText,
        a.Progress,
        a.LaterReviews);
}
