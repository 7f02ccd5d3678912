using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Reports;

/// <summary>One thing a reader of the newer version would find different, in words.</summary>
public sealed record ReportChange(string Area, string Subject, string Text);

/// <summary>
/// What changed between two versions of a report, worked out from the case as each version saw it
/// (the history folded to its RenderedFromSequence), never from the HTML. Pure and in a fixed order,
/// so the same two versions always give the same list.
/// </summary>
public static class ReportChanges
{
    /// <summary>What each document shows, and so which changes matter to its reader.</summary>
    private static readonly IReadOnlyDictionary<string, string[]> AreasShown = new Dictionary<string, string[]>
    {
        [ReportKinds.ReadinessPack] = ["submission"],
        [ReportKinds.DraftMinutes] = ["status", "meeting", "lsc", "risk", "action", "note", "recommendation"],
        [ReportKinds.PanelReport] = ["status", "lsc", "tag", "risk", "action", "note", "recommendation"],
        [ReportKinds.ActionsRegister] = ["status", "action"],
    };

    /// <summary>
    /// The two versions a reader asks to compare, as the query gave them: each a version number (a
    /// whole number from 1), the older first. Every bad bound is named in one answer.
    /// </summary>
    public static (int From, int To, Rejection? Rejection) ValidateRange(string? from, string? to)
    {
        var v = new Validator();
        var older = Version(v, from, "from");
        var newer = Version(v, to, "to");
        if (v.IsValid) v.Check(older <= newer, "from", $"Must not be after 'to' ({older} > {newer}): changes are read from the older version to the newer.");
        return (older, newer, v.ToRejection());
    }

    private static int Version(Validator v, string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) { v.Add(field, "Required."); return 0; }
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) && version >= 1) return version;
        v.Add(field, "Must be a version number: a whole number from 1.");
        return 0;
    }

    public static IReadOnlyList<ReportChange> Between(string kind, CaseState before, CaseState after)
    {
        var shown = AreasShown.GetValueOrDefault(kind, []);
        return All(before, after).Where(c => shown.Contains(c.Area)).ToList();
    }

    private static IEnumerable<ReportChange> All(CaseState before, CaseState after)
    {
        if (after.Submissions.Count != before.Submissions.Count)
            yield return new("submission", "Readiness statement", $"The DCC amended its readiness statement (now version {after.Submissions.Count}).");
        if (before.MinutesApproved is null && after.MinutesApproved is { } approved)
            yield return new("status", "Status", $"Minutes approved as final at {approved.AtMeeting} on {ReportFormats.LongDate(approved.On)}.");
        if (before.Meeting is null && after.Meeting is not null)
            yield return new("meeting", "Meeting", "The meeting was recorded.");
        if (before.TagView is null && after.TagView is not null)
            yield return new("tag", "TAG view", "The TAG's view was received.");

        // Discharges are read from the one truth about conditions, as the documents themselves read it.
        var dischargedBefore = Conditions.Of(before).Where(c => c.Discharged).Select(c => (c.SetBy, c.Lsc)).ToHashSet();
        var conditionsAfter = Conditions.Of(after).Where(c => c.Discharged).ToLookup(c => c.Lsc);
        var lscBefore = ReportRows.Criteria(before).ToDictionary(r => r.Lsc);
        foreach (var row in ReportRows.Criteria(after))
        {
            var old = lscBefore.GetValueOrDefault(row.Lsc);
            var subject = $"LSC {row.Lsc}";
            if (old?.Opsg.Decision != row.Opsg.Decision && row.Opsg.Given)
                yield return new("lsc", subject, $"{subject}: decision now {ReportFormats.InSentence(row.Opsg.Decision)}.");
            if (old?.Opsg.Rag.Word != row.Opsg.Rag.Word && row.Opsg.Given)
                yield return new("lsc", subject, $"{subject}: status now {row.Opsg.Rag.Word}.");
            if (old?.Tag.Given != true && row.Tag.Given)
                yield return new("tag", subject, $"{subject}: TAG view {ReportFormats.InSentence(row.Tag.Decision)}, {row.Tag.Rag.Word}.");
            else if (old is not null && (old.Tag.Decision != row.Tag.Decision || old.Tag.Rag.Word != row.Tag.Rag.Word) && row.Tag.Given)
                yield return new("tag", subject, $"{subject}: TAG view now {ReportFormats.InSentence(row.Tag.Decision)}, {row.Tag.Rag.Word}.");
            foreach (var condition in conditionsAfter[row.Lsc].Where(c => !dischargedBefore.Contains((c.SetBy, c.Lsc))))
                yield return new(condition.SetBy == Body.Tag ? "tag" : "lsc", subject, Discharged(condition));
        }

        var riskBefore = ReportRows.Risks(before).ToDictionary(r => r.Number);
        var caveatsBefore = Conditions.Caveats(before).Where(c => c.Discharged).Select(c => c.Risk).ToHashSet();
        var caveatsAfter = Conditions.Caveats(after).Where(c => c.Discharged).Select(c => c.Risk).ToHashSet();
        foreach (var risk in ReportRows.Risks(after))
        {
            var old = riskBefore.GetValueOrDefault(risk.Number);
            var subject = $"Risk {risk.Number}";
            if (old is null) yield return new("risk", subject, $"{subject} ({risk.Title}) added.");
            if (old?.Decision != risk.Decision && risk.Decided)
                yield return new("risk", subject, $"{subject}: decision now {ReportFormats.InSentence(risk.Decision)}.");
            if (old?.Settlement != risk.Settlement && risk.HasSettlement)
                yield return new("risk", subject, risk.StandingKey == ReportRows.RiskDecisionKey(RiskDecision.Removed)
                    ? $"{subject}: removed, as the TAG approved its removal."
                    : $"{subject}: kept as accepted, as the TAG did not approve its removal.");
            if (caveatsAfter.Contains(risk.Number) && !caveatsBefore.Contains(risk.Number))
                yield return new("risk", subject, $"{subject}: caveat removed.");
        }

        var actionsBefore = before.Actions.ToDictionary(a => a.Raised.ActionId);
        foreach (var action in after.Actions.OrderBy(a => a.Raised.Number))
        {
            var id = action.Raised.ActionId;
            var old = actionsBefore.GetValueOrDefault(id);
            if (old is null) yield return new("action", id, $"Action {id} raised.");
            if (old?.IsOpen != false && !action.IsOpen)
                yield return new("action", id, $"Action {id} closed{On(action.ClosedOn)}.");
            foreach (var revision in action.Revisions.Skip(old?.Revisions.Count ?? 0))
                yield return new("action", id, $"Action {id}: target revised to {ReportFormats.LongDate(revision.RevisedTarget)}.");
            foreach (var progress in action.Progress.Skip(old?.Progress.Count ?? 0))
                yield return new("action", id, $"Action {id}: progress noted on {ReportFormats.LongDate(progress.On)}.");
            foreach (var review in action.LaterReviews.Skip(old?.LaterReviews.Count ?? 0))
                yield return new("action", id, $"Action {id}: reviewed at {ReviewFacts.MeetingName(review.MeetingId)} on {ReportFormats.LongDate(review.HeldOn)}, {review.Outcome}.");
        }

        foreach (var note in after.Notes.Skip(before.Notes.Count))
            yield return new("note", note.NoteId, note.On is { } on ? $"Post-meeting note {note.NoteId} added ({ReportFormats.LongDate(on)})." : $"Post-meeting note {note.NoteId} added.");

        var (was, now) = (PanelRecommendation.For(before).Summary, PanelRecommendation.For(after).Summary);
        if (was != now) yield return new("recommendation", "Recommendation", $"Recommendation changed: now “{now}” (was “{was}”).");
    }

    /// <summary>" on 5 March 2020", or nothing where the note that closed it gives no date.</summary>
    private static string On(DateOnly? date) => date is { } d ? $" on {ReportFormats.LongDate(d)}" : "";

    /// <summary>"LSC 2: the OPSG's condition discharged (with the caveat of Residual Risk 12)."</summary>
    private static string Discharged(CriterionCondition c) =>
        $"LSC {c.Lsc}: the {PanelRecommendation.BodyName(c.SetBy)}'s condition discharged{(c.DischargedThroughRisk ? $" (with the caveat of Residual Risk {c.ConditionRisk})" : "")}.";
}
