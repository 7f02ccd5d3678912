using System.Globalization;

namespace Opsg.Functions.Meetings;

/// <summary>
/// One row of a meeting's actions-outstanding table, in the seed's columns (ID, action, date raised, last target,
/// revised target, owner), then the discussion and the action's status after the meeting. An action nobody reviewed
/// is listed too, and says so.
/// </summary>
public sealed record OutstandingAction(
    string ActionId, string Text, string RaisedOn, string RaisedAt, string LastTarget, string RevisedTarget, string Owner,
    bool Reviewed, int? Item, string Discussion, string Status, string StatusKey, string StatusDetail, bool HasStatusDetail);

/// <summary>The rows of the actions-outstanding table of one meeting; pure.</summary>
public static class OutstandingActions
{
    public static IReadOnlyList<OutstandingAction> Rows(MeetingState meeting, ActionsAcrossMeetings actions)
    {
        var held = meeting.Scheduled!.Date;
        return actions.OutstandingAt(meeting).Select(a =>
        {
            var review = a.Reviews.FirstOrDefault(r => r.MeetingId == meeting.MeetingId)?.Review;
            var (status, key, detail) = review is null ? ("Open (not reviewed at this meeting)", "not-reviewed", "") : Status(review);
            return new OutstandingAction(
                a.ActionId, a.Text, a.RaisedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), a.RaisedAt,
                ActionTargets.Printed(a.TargetBefore(held)), ActionTargets.Printed(review?.RevisedTarget), a.Owner,
                review is not null, review?.Item, review?.Discussion ?? "", status, key, detail, detail.Length > 0);
        }).ToList();
    }

    /// <summary>"Closed", with what became of it: superseded by 25/01, transferred to the TABASC, moved into a project.</summary>
    private static (string Status, string Key, string Detail) Status(ActionReviewed review) => review.Outcome switch
    {
        ActionReviewOutcome.Open => ("Open", "open", ""),
        ActionReviewOutcome.Closed => ("Closed", "closed", ""),
        ActionReviewOutcome.Superseded => ("Closed", "superseded", $"Superseded by {review.SupersededBy}."),
        ActionReviewOutcome.Transferred => ("Closed", "transferred", $"Transferred to the {review.TransferredTo}."),
        _ => ("Closed", "moved-to-project", $"The work continues in the {review.Project}."),
    };
}
