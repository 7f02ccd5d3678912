using Opsg.Functions.Cases;

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
