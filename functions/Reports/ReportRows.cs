using Opsg.Functions.Cases;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Reports;

/// <summary>Builds the shared rows from the folded case; pure and in display order.</summary>
public static class ReportRows
{
    public static IReadOnlyList<LscRow> Criteria(CaseState state)
    {
        var submission = state.Submission;
        if (submission is null) return [];
        var catalogue = state.Catalogue;
        var tagViews = state.TagView?.Criteria.ToDictionary(c => c.Lsc) ?? [];
        var conditions = Conditions.Of(state).ToDictionary(c => (c.SetBy, c.Lsc));
        var numbers = submission.OpsgScope.Concat(submission.TagScope).Concat(tagViews.Keys).Distinct().Order();
        return numbers.Select(lsc =>
        {
            var statement = submission.Criteria.FirstOrDefault(c => c.Lsc == lsc);
            state.CriterionDecisions.TryGetValue(lsc, out var decided);
            var discussion = decided?.Discussion ?? "";
            return new LscRow(
                lsc,
                catalogue.TitleOf(lsc) ?? $"LSC {lsc}",
                statement?.Statement ?? "",
                submission.OpsgScope.Contains(lsc) ? "OPSG" : "TAG",
                decided is null ? LscView.NotGiven
                    : View(decided.Decision, decided.Rag, decided.RagNote ?? "", conditions.GetValueOrDefault((Body.Opsg, lsc)), discussion),
                tagViews.TryGetValue(lsc, out var tag)
                    ? View(tag.Decision, tag.Rag, "", conditions.GetValueOrDefault((Body.Tag, lsc)), tag.Commentary)
                    : LscView.NotGiven,
                discussion,
                discussion.Length > 0,
                NotesFor(state, n => n.Lsc == lsc && n.ActionId is null));
        }).ToList();
    }

    // Whether the condition still stands is the one answer Conditions gives; it is never worked out here.
    private static LscView View(CriterionDecision decision, Rag rag, string ragNote, CriterionCondition? condition, string commentary) => new(
        true, LscView.Word(decision), LscView.Key(decision), RagBadge.For(rag), ragNote,
        condition is null ? "" : ConditionText(condition), condition is not null, condition?.Discharged == true, commentary);

    /// <summary>
    /// A condition as the documents print it: after a label ("Condition: …"), never run into a sentence, and
    /// starting with a capital whether it was typed as a phrase ("publication of a revised BCDR plan") or a
    /// sentence ("A revised BCDR plan is published.").
    /// </summary>
    public static string ConditionText(CriterionCondition condition) => ReportFormats.Capitalised(condition.Condition);

    public static IReadOnlyList<RiskRow> Risks(CaseState state)
    {
        var submitted = state.Submission?.Risks.Select(r => (r.Number, r.Title, r.Explanation, RaisedBy: "DCC", Proposal: Proposal(r.Proposal), DccProposal: Proposal(r.Proposal))) ?? [];
        var added = state.AddedRisks.Select(r => (r.Number, r.Title, r.Explanation, r.RaisedBy, Proposal: $"Raised by {r.RaisedBy} at review", DccProposal: ""));
        var tagViews = state.TagView?.Risks.ToDictionary(r => r.Number) ?? [];
        var caveats = Conditions.Caveats(state).ToDictionary(c => c.Risk);
        // Whether the TAG has settled a pending removal is the one answer RiskStandings gives; it is never worked out here.
        var standings = RiskStandings.Of(state).ToDictionary(s => s.Risk);
        return submitted.Concat(added).GroupBy(r => r.Number).Select(g => g.Last()).OrderBy(r => r.Number).Select(r =>
        {
            state.RiskDecisions.TryGetValue(r.Number, out var decided);
            var standing = standings.GetValueOrDefault(r.Number);
            var discussion = decided?.Discussion ?? "";
            var tag = tagViews.GetValueOrDefault(r.Number);
            var tagView = tag?.View ?? "";
            return new RiskRow(
                r.Number, r.Title, r.Explanation, r.RaisedBy, r.Proposal,
                decided is not null,
                decided is null ? "Not yet decided" : RiskDecisionWord(decided.Decision),
                decided is null ? "none" : RiskDecisionKey(decided.Decision),
                decided?.ActionId ?? "", decided?.ActionId is not null,
                caveats.GetValueOrDefault(r.Number)?.Discharged == true,
                tagView, tagView.Length > 0,
                discussion, discussion.Length > 0,
                NotesFor(state, n => n.Risk == r.Number && n.ActionId is null))
            {
                DccProposal = r.DccProposal,
                StandingKey = standing is null ? "none" : RiskDecisionKey(standing.Now),
                Settlement = standing is { SettledByTag: true } ? Settlement(standing) : "",
                TagRemoval = tag?.Removal switch
                {
                    RiskRemoval.Approved => "Removal approved",
                    RiskRemoval.NotApproved => "Removal not approved",
                    _ => "",
                },
            };
        }).ToList();
    }

    /// <summary>How the TAG's view settled a removal the OPSG left pending.</summary>
    public static string Settlement(RiskStanding standing) => standing.Now == RiskDecision.Removed
        ? "Removed: the TAG approved its removal."
        : "Kept as accepted: the TAG did not approve its removal.";

    public static string Proposal(RiskProposal p) => p switch
    {
        RiskProposal.Remove => "Remove: no longer a risk",
        RiskProposal.AcceptAndRemove => "Accept and remove",
        _ => "Accept",
    };

    public static string RiskDecisionWord(RiskDecision d) => d switch
    {
        RiskDecision.Accepted => "Accepted",
        RiskDecision.Removed => "Removed",
        RiskDecision.AcceptedSubjectToAction => "Accepted subject to an action",
        RiskDecision.AcceptedRemovalPendingTagApproval => "Accepted; removal pending TAG approval",
        _ => "Needs TAG approval",
    };

    public static string RiskDecisionKey(RiskDecision d) => d switch
    {
        RiskDecision.Accepted => "accepted",
        RiskDecision.Removed => "removed",
        RiskDecision.AcceptedSubjectToAction => "accepted-subject-to-action",
        RiskDecision.AcceptedRemovalPendingTagApproval => "accepted-removal-pending-tag-approval",
        _ => "needs-tag-approval",
    };

    public static IReadOnlyList<ActionRow> Actions(CaseState state)
    {
        // One pass over the notes, not one per action: the policy builds these rows on every post-meeting note.
        var notes = ActionNotes(state);
        return state.Actions.OrderBy(a => a.Raised.Number).Select(a => Action(a, notes[a.Raised.ActionId])).ToList();
    }

    private static ILookup<string, NoteLine> ActionNotes(CaseState state) =>
        state.Notes.Where(n => n.ActionId is not null).ToLookup(n => n.ActionId!, NoteLine.From, StringComparer.Ordinal);

    private static ActionRow Action(ActionState a, IEnumerable<NoteLine> notes) => new(
        a.Raised.ActionId, a.Raised.Number, a.Raised.Text, a.Raised.Owner, a.Raised.RaisedOn,
        a.Raised.TargetDate is not null, a.Raised.TargetDate ?? default,
        a.Revisions.Select(r => new TargetRevisionLine(r.RevisedTarget, r.Reason ?? "", r.Reason is not null)).ToList(),
        !a.Revisions.IsEmpty || a.LaterReviews.Any(r => r.RevisedTarget is not null), a.CurrentTarget ?? default,
        a.IsOpen, a.IsOpen ? "Open" : "Closed", a.IsOpen ? "open" : "closed",
        a.ClosedOn is not null, a.ClosedOn ?? default,
        a.Progress.Select(p => new ProgressLine(p.On, p.Text)).ToList(),
        notes.ToList());

    /// <summary>Notes that name no action, LSC or risk belong to the meeting as a whole.</summary>
    public static IReadOnlyList<NoteLine> MeetingNotes(CaseState state) =>
        NotesFor(state, n => n.ActionId is null && n.Lsc is null && n.Risk is null);

    private static IReadOnlyList<NoteLine> NotesFor(CaseState state, Func<PostMeetingNoteAdded, bool> where) =>
        state.Notes.Where(where).Select(NoteLine.From).ToList();

    public static Attendance Attendance(CaseState state) =>
        state.Meeting is { } meeting ? Attendance(meeting.Attendees, meeting.Apologies) : new([], [], [], false);

    /// <summary>Members by constituency, everyone else by organisation, then apologies: a case's meeting and a meeting record alike.</summary>
    public static Attendance Attendance(IReadOnlyList<Attendee> attendees, IReadOnlyList<Apology> sent)
    {
        var members = attendees.Where(a => a.Constituency != Constituency.OtherParticipant)
            .GroupBy(a => a.Constituency).OrderBy(g => g.Key)
            .Select(g => new AttendanceGroup(ConstituencyName(g.Key), g.Select(Attendee).ToList())).ToList();
        // Everyone else is listed by the organisation they represent, in the order first met.
        var others = attendees.Where(a => a.Constituency == Constituency.OtherParticipant)
            .GroupBy(a => a.Organisation ?? "Other")
            .Select(g => new AttendanceGroup(g.Key, g.Select(Attendee).ToList())).ToList();
        var apologies = sent.Select(a => new AttendeeRow(a.Name, a.Organisation ?? ConstituencyName(a.Constituency), true, false, "", false, false, "", false)).ToList();
        return new(members, others, apologies, apologies.Count > 0);
    }

    private static AttendeeRow Attendee(Attendee a) => new(
        a.Name, a.Organisation ?? "", a.Organisation is not null, a.Teleconference,
        a.AlternateFor ?? "", a.AlternateFor is not null, a.PartOnly, a.Role ?? "", a.Role is not null);

    public static string ConstituencyName(Constituency c) => c switch
    {
        Constituency.OperationsGroupChair => "Operations Group Chair",
        Constituency.Dcc => "DCC",
        Constituency.NetworkParty => "Network Party",
        Constituency.LargeSupplier => "Large Supplier",
        Constituency.SmallSupplier => "Small Supplier",
        Constituency.OtherSecParty => "Other SEC Party",
        _ => "Other participant",
    };
}
