using System.Collections.Immutable;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Review;

/// <summary>SECAS opened the review and issued the pack for the meeting.</summary>
public sealed record ReviewOpened(string MeetingId, DateOnly MeetingDate, DateOnly? ReportDueDate) : CaseEvent;

/// <summary>Stored by name, so a constituency may be added anywhere; the minutes list members in this order.</summary>
public enum Constituency { OperationsGroupChair, Dcc, NetworkParty, LargeSupplier, SmallSupplier, OtherSecParty, OtherParticipant }

public sealed record Attendee(
    string Name,
    Constituency Constituency,
    string? Organisation,
    bool Teleconference,
    string? AlternateFor,
    bool PartOnly,
    string? Role);

public sealed record Apology(string Name, Constituency Constituency, string? Organisation);

public sealed record MeetingRecorded(
    string MeetingId,
    DateOnly Date,
    string? StartTime,
    string? EndTime,
    string Venue,
    IReadOnlyList<Attendee> Attendees,
    IReadOnlyList<Apology> Apologies) : CaseEvent;

/// <summary>
/// What a body decided on one LSC. <see cref="NoDecision"/> means it has not decided yet (the recommendation
/// waits for it); <see cref="StatusAgreed"/> means it agreed a RAG status and neither accepted nor rejected
/// the statement ("the status for this LSC was AMBER", seed 002 LSCs 6 and 8), which is a decision made
/// and does not hold the recommendation back. Stored by name: add values, never rename or reuse one.
/// </summary>
public enum CriterionDecision { Accepted, AcceptedSubjectToCondition, NotAccepted, NoDecision, StatusAgreed }

public enum Rag { Green, Amber, Red }

/// <summary>The OPSG's view on one Live Service Criterion in its scope.</summary>
public sealed record CriterionDecided(
    int Lsc,
    CriterionDecision Decision,
    string? Condition,
    int? ConditionRisk,
    Rag Rag,
    string? RagNote,
    string? Discussion,
    string? ConditionAction = null) : CaseEvent;

/// <summary>
/// What the OPSG decided on one residual risk. <see cref="NeedsTagApproval"/>: the Group decided nothing
/// until the TAG approves. <see cref="AcceptedRemovalPendingTagApproval"/>: the Group accepted the risk and
/// would remove it once the TAG approves (seed 002 risk 5); the TAG's view settles it (see
/// <see cref="RiskStandings"/>). Stored by name: add values, never rename or reuse one.
/// </summary>
public enum RiskDecision { Accepted, Removed, AcceptedSubjectToAction, NeedsTagApproval, AcceptedRemovalPendingTagApproval }

public sealed record RiskDecided(int Number, RiskDecision Decision, string? ActionId, string? Discussion) : CaseEvent;

/// <summary>A risk raised at review by someone other than the DCC (e.g. SECAS proposing risks 12 and 13).</summary>
public sealed record RiskAdded(int Number, string Title, string Explanation, string RaisedBy) : CaseEvent;

/// <summary>IDs are assigned by the engine, never typed: meeting + two-digit sequence, never reused.</summary>
public sealed record ActionRaised(string ActionId, int Number, string Text, string Owner, DateOnly RaisedOn, DateOnly? TargetDate) : CaseEvent;

public sealed record ActionTargetRevised(string ActionId, DateOnly RevisedTarget, string? Reason) : CaseEvent;

public sealed record ActionProgressNoted(string ActionId, DateOnly On, string Text) : CaseEvent;

/// <summary>
/// A later OPSG meeting reviewed one of this case's actions. The review is the meeting's (recorded in its own history);
/// its workflow copies it here so every view of the case, its conditions and its recommendation follow it, whatever
/// the state of the case's own minutes. <see cref="RevisedTargetDate"/> is the revised target when it is a date;
/// <see cref="Outcome"/> is what became of the action in the meeting's words ("closed, superseded by OPSG 25/01").
/// </summary>
public sealed record ActionReviewedAtMeeting(string ActionId, string MeetingId, DateOnly HeldOn, string Discussion,
    string? RevisedTarget, DateOnly? RevisedTargetDate, bool Closes, string Outcome) : CaseEvent
{
    /// <summary>How the case's views word the review: where and when, what became of the action, what was said.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Summary => $"Reviewed at {MeetingId.Replace('_', ' ')} on {HeldOn:dd/MM/yyyy}: {Outcome}. {Discussion}";
}

public enum NoteEffect { Clarification, ActionClosed, ConditionDischarged }

/// <summary>
/// A fact added after the meeting, shown in brackets in the minutes. <see cref="On"/> is the date the note
/// gives, where it gives one: seed 002's note closing action /01 gives none (notes recorded before a
/// date could be left out all carry one).
/// </summary>
public sealed record PostMeetingNoteAdded(
    string NoteId,
    NoteEffect Effect,
    string? ActionId,
    int? Lsc,
    int? Risk,
    DateOnly? On,
    string Text) : CaseEvent;

/// <summary>
/// The TAG's view on one LSC in its scope. Like the OPSG, it may accept subject to a stated condition or
/// to the provisions of a residual risk; views recorded before it could carry no condition.
/// </summary>
public sealed record TagCriterionView(int Lsc, CriterionDecision Decision, Rag Rag, string Commentary, string? Condition = null, int? ConditionRisk = null);

/// <summary>The TAG's view on whether a risk may be removed: what settles an "accepted; removal pending TAG approval".</summary>
public enum RiskRemoval { Approved, NotApproved }

/// <summary>
/// The TAG's view on one risk, in words, and where it gave one, its view on removing the risk. Views
/// recorded before the TAG could give that carry none.
/// </summary>
public sealed record TagRiskView(int Number, string View, RiskRemoval? Removal = null);

public sealed record TagViewRecorded(IReadOnlyList<TagCriterionView> Criteria, IReadOnlyList<TagRiskView> Risks) : CaseEvent;

/// <summary>The draft minutes were approved as final at a later meeting; the case is then complete.</summary>
public sealed record MinutesApproved(string AtMeeting, DateOnly On) : CaseEvent;

public sealed record ActionState(
    ActionRaised Raised,
    ImmutableList<ActionTargetRevised> Revisions,
    ImmutableList<ActionProgressNoted> Progress,
    PostMeetingNoteAdded? ClosedBy)
{
    /// <summary>Reviews of it at later meetings, oldest first.</summary>
    public ImmutableList<ActionReviewedAtMeeting> LaterReviews { get; init; } = [];

    /// <summary>The later meeting's review that closed it, if one did.</summary>
    public ActionReviewedAtMeeting? ClosedAtMeeting => LaterReviews.FirstOrDefault(r => r.Closes);

    /// <summary>Closed by a post-meeting note of the case, or by a later meeting's review.</summary>
    public bool IsOpen => ClosedBy is null && ClosedAtMeeting is null;

    public DateOnly? ClosedOn => ClosedBy is not null ? ClosedBy.On : ClosedAtMeeting?.HeldOn;

    public string? ClosingText => ClosedBy?.Text ?? ClosedAtMeeting?.Summary;

    /// <summary>
    /// The latest target: a later meeting's revision replaces the case's own (and is no date when the meeting set ASAP,
    /// a meeting or TBD), else the case's latest revision, else the target it was raised with.
    /// </summary>
    public DateOnly? CurrentTarget =>
        LaterReviews.LastOrDefault(r => r.RevisedTarget is not null) is { } later ? later.RevisedTargetDate
        : Revisions.IsEmpty ? Raised.TargetDate : Revisions[^1].RevisedTarget;
}

/// <summary>The OPSG's part of a case: the review, its meeting and decisions, actions, notes, the TAG's view and the minutes' approval.</summary>
public sealed record ReviewSlice(
    ReviewOpened? Opened,
    MeetingRecorded? Meeting,
    ImmutableSortedDictionary<int, CriterionDecided> CriterionDecisions,
    ImmutableSortedDictionary<int, RiskDecided> RiskDecisions,
    ImmutableList<RiskAdded> AddedRisks,
    ImmutableList<ActionState> Actions,
    ImmutableList<PostMeetingNoteAdded> Notes,
    TagViewRecorded? TagView,
    MinutesApproved? MinutesApproved) : IRecordSlice<ReviewSlice>
{
    public static ReviewSlice Empty { get; } = new(null, null,
        ImmutableSortedDictionary<int, CriterionDecided>.Empty, ImmutableSortedDictionary<int, RiskDecided>.Empty, [], [], [], null, null);

    internal ReviewSlice UpdateAction(string actionId, Func<ActionState, ActionState> update)
    {
        var index = Actions.FindIndex(a => a.Raised.ActionId == actionId);
        return index < 0 ? this : this with { Actions = Actions.SetItem(index, update(Actions[index])) };
    }
}

public static class ReviewOfCase
{
    extension(CaseState state)
    {
        public ReviewOpened? ReviewOpened => state.Slice<ReviewSlice>().Opened;
        public MeetingRecorded? Meeting => state.Slice<ReviewSlice>().Meeting;
        public ImmutableSortedDictionary<int, CriterionDecided> CriterionDecisions => state.Slice<ReviewSlice>().CriterionDecisions;
        public ImmutableSortedDictionary<int, RiskDecided> RiskDecisions => state.Slice<ReviewSlice>().RiskDecisions;
        public ImmutableList<RiskAdded> AddedRisks => state.Slice<ReviewSlice>().AddedRisks;
        public ImmutableList<ActionState> Actions => state.Slice<ReviewSlice>().Actions;
        public ImmutableList<PostMeetingNoteAdded> Notes => state.Slice<ReviewSlice>().Notes;
        public TagViewRecorded? TagView => state.Slice<ReviewSlice>().TagView;
        public MinutesApproved? MinutesApproved => state.Slice<ReviewSlice>().MinutesApproved;

        /// <summary>This case as if it had no post-meeting notes nor later meetings' reviews: what the meeting itself decided.</summary>
        public CaseState WithoutNotes => state.Update<CaseState, ReviewSlice>(x => x with { Notes = [], Actions = x.Actions.Select(a => a with { LaterReviews = [] }).ToImmutableList() });

        /// <summary>This case with its meeting's attendance as recorded elsewhere (a meeting's own record).</summary>
        public CaseState WithAttendance(IReadOnlyList<Attendee> attendees, IReadOnlyList<Apology> apologies) =>
            state.Update<CaseState, ReviewSlice>(x => x.Meeting is { } meeting ? x with { Meeting = meeting with { Attendees = attendees, Apologies = apologies } } : x);
    }

    public static void Register(RecordEvents<CaseState> events) => events
        .On<ReviewOpened>((s, e) => Review(s, x => x with { Opened = e }))
        .On<MeetingRecorded>((s, e) => Review(s, x => x with { Meeting = e }).Update<CaseState, SubmissionsSlice>(x => x with { Closed = true }))
        .On<CriterionDecided>((s, e) => Review(s, x => x with { CriterionDecisions = x.CriterionDecisions.SetItem(e.Lsc, e) }))
        .On<RiskDecided>((s, e) => Review(s, x => x with { RiskDecisions = x.RiskDecisions.SetItem(e.Number, e) }))
        .On<RiskAdded>((s, e) => Review(s, x => x with { AddedRisks = x.AddedRisks.Add(e) }))
        .On<ActionRaised>((s, e) => Review(s, x => x with { Actions = x.Actions.Add(new ActionState(e, [], [], null)) }))
        .On<ActionTargetRevised>((s, e) => Review(s, x => x.UpdateAction(e.ActionId, a => a with { Revisions = a.Revisions.Add(e) })))
        .On<ActionProgressNoted>((s, e) => Review(s, x => x.UpdateAction(e.ActionId, a => a with { Progress = a.Progress.Add(e) })))
        .On<ActionReviewedAtMeeting>((s, e) => Review(s, x => x.UpdateAction(e.ActionId, a => a with { LaterReviews = a.LaterReviews.Add(e) })))
        .On<PostMeetingNoteAdded>((s, e) => Review(s, x => ApplyNote(x with { Notes = x.Notes.Add(e) }, e)))
        .On<TagViewRecorded>((s, e) => Review(s, x => x with { TagView = e }))
        .On<MinutesApproved>((s, e) => Review(s, x => x with { MinutesApproved = e }));

    private static CaseState Review(CaseState s, Func<ReviewSlice, ReviewSlice> change) => s.Update(change);

    private static ReviewSlice ApplyNote(ReviewSlice x, PostMeetingNoteAdded note) =>
        note.Effect == NoteEffect.ActionClosed && note.ActionId is { } id
            ? x.UpdateAction(id, a => a with { ClosedBy = note })
            : x;
}
