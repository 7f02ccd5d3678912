using System.Globalization;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Meetings;

/// <summary>
/// What changed in a meeting's minutes between two versions, read from the meeting as each version rendered it (the
/// history folded to the step that rendered it), never from the HTML; pure, in the minutes' own order. The changes
/// are worded as for a case's documents (<see cref="ReportChange"/>).
/// </summary>
public static class MinutesChanges
{
    public static IReadOnlyList<ReportChange> Between(MeetingState before, MeetingState after) => All(before, after).ToList();

    private static IEnumerable<ReportChange> All(MeetingState before, MeetingState after)
    {
        if (!before.IsFinal && after.Final is { } final)
            yield return new("status", "Status", $"Minutes approved as final at {final.AtMeeting} on {ReportFormats.LongDate(final.On)}.");
        if (before.Attendance != after.Attendance && after.Attendance is not null)
            yield return new("attendance", "Attendance", before.Attendance is null ? "Attendance recorded." : "Attendance recorded again.");
        foreach (var (number, item) in after.Items)
        {
            var subject = $"Item {number.ToString(CultureInfo.InvariantCulture)}";
            if (!before.Items.TryGetValue(number, out var old))
            {
                yield return new("item", subject, $"{subject} ({item.Added.Title}) added.");
                old = item with { Outcomes = [], Actions = [], Notes = [], Reviews = [], IssuesLog = [] };
            }
            foreach (var outcome in item.Outcomes.Skip(old.Outcomes.Count))
                yield return new("outcome", subject, $"{subject}: {outcome.Verb.ToString().ToUpperInvariant()} {outcome.Text}");
            foreach (var action in item.Actions.Skip(old.Actions.Count))
                yield return new("action", action.ActionId, $"Action {action.ActionId} raised.");
            foreach (var review in item.Reviews.Skip(old.Reviews.Count))
                yield return new("action", review.ActionId, $"Action {review.ActionId} reviewed: {(review.Outcome == ActionReviewOutcome.Open ? "stays open" : "closed")}.");
            foreach (var change in item.IssuesLog.Skip(old.IssuesLog.Count))
                yield return new("issues-log", change.IssueId, $"Issues Log entry {change.IssueId} {change.Change.ToString().ToLowerInvariant()}.");
            foreach (var note in item.Notes.Skip(old.Notes.Count))
                yield return new("note", subject, note.On is { } on ? $"{subject}: post-meeting note added ({ReportFormats.LongDate(on)})." : $"{subject}: post-meeting note added.");
        }
        foreach (var imported in after.Imported.Skip(before.Imported.Count))
            yield return new("action", imported.ActionId, $"Action {imported.ActionId} imported.");
    }
}
