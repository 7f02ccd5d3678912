namespace Opsg.Functions.Meetings;

/// <summary>
/// One action and everything that happened to it across meetings, as anyone preparing a meeting reads it: where it was
/// raised (under an item, by a readiness case, or imported with the ID it already had), and each review, oldest first.
/// </summary>
public sealed record ActionHistoryView(
    string ActionId, string RaisedAt, DateOnly RaisedOn, string Text, string Owner, string? Target, string? ImportedAt, string? CaseId,
    string Status, string? CurrentTarget, IReadOnlyList<ActionHistoryView.ReviewLine> Reviews)
{
    /// <param name="InCaseNotes">The readiness case's own post-meeting note closed it (not a meeting's review).</param>
    public sealed record ReviewLine(string MeetingId, DateOnly HeldOn, int? Item, string Discussion, string? RevisedTarget, ActionReviewOutcome Outcome,
        string? SupersededBy, string? TransferredTo, string? Project, bool InCaseNotes);

    public static ActionHistoryView Of(ActionHistory a) => new(
        a.ActionId, a.RaisedAt, a.RaisedOn, a.Text, a.Owner, a.Target, a.ImportedAt, a.CaseId,
        a.IsClosed ? "closed" : "open", a.CurrentTarget,
        a.Reviews.Select(r => new ReviewLine(r.MeetingId, r.HeldOn, r.InCaseNotes ? null : r.Review.Item, r.Review.Discussion, r.Review.RevisedTarget, r.Review.Outcome,
            r.Review.SupersededBy, r.Review.TransferredTo, r.Review.Project, r.InCaseNotes)).ToList());
}
