using Opsg.Functions.Review;

namespace Opsg.Functions.Reports;

// The rows the report tables share. Templates get words, not enums, and flags instead of nulls:
// the template context is strict about names, so a model never leaves a value undefined.

/// <summary>A RAG status as the reader sees it: the word always, the colour as a class.</summary>
public sealed record RagBadge(string Word, string Key)
{
    public static readonly RagBadge None = new("Not given", "none");

    public static RagBadge For(Rag rag) => rag switch
    {
        Rag.Green => new("GREEN", "green"),
        Rag.Amber => new("AMBER", "amber"),
        _ => new("RED", "red"),
    };
}

/// <summary>A post-meeting note, shown in brackets where it belongs; <see cref="On"/> is null where the note gives no date.</summary>
public sealed record NoteLine(string NoteId, DateOnly? On, string Effect, string Text)
{
    /// <summary>For the templates, which test flags, not nulls; the JSON leaves an undated note's "on" out instead.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasDate => On is not null;

    public static NoteLine From(PostMeetingNoteAdded n) => new(n.NoteId, n.On, n.Effect switch
    {
        NoteEffect.ActionClosed => "action-closed",
        NoteEffect.ConditionDischarged => "condition-discharged",
        _ => "clarification",
    }, n.Text);
}

/// <summary>
/// One body's view of one LSC; <see cref="Given"/> is false where that body gave none. <see cref="Commentary"/>
/// is what that body said of it: the OPSG's discussion, the TAG's commentary. <see cref="StatusOnly"/>
/// where it agreed a RAG status and made no decision on the statement: the documents then say
/// "Status agreed: AMBER" (<see cref="DecisionLine"/>), never "Accepted".
/// </summary>
public sealed record LscView(bool Given, string Decision, string DecisionKey, RagBadge Rag, string RagNote, string Condition, bool HasCondition, bool ConditionDischarged, string Commentary)
{
    public bool HasRagNote => RagNote.Length > 0;

    public bool HasCommentary => Commentary.Length > 0;

    public bool StatusOnly => DecisionKey == Key(CriterionDecision.StatusAgreed);

    /// <summary>The decision as one line: "Accepted", or "Status agreed: AMBER" where only a status was agreed.</summary>
    public string DecisionLine => StatusOnly ? $"{Decision}: {Rag.Word}" : Decision;

    public static readonly LscView NotGiven = new(false, "No view", "none", RagBadge.None, "", "", false, false, "");

    public static string Word(CriterionDecision d) => d switch
    {
        CriterionDecision.Accepted => "Accepted",
        CriterionDecision.AcceptedSubjectToCondition => "Accepted subject to a condition",
        CriterionDecision.NotAccepted => "Not accepted",
        CriterionDecision.StatusAgreed => "Status agreed",
        _ => "No decision",
    };

    public static string Key(CriterionDecision d) => d switch
    {
        CriterionDecision.Accepted => "accepted",
        CriterionDecision.AcceptedSubjectToCondition => "accepted-subject-to-condition",
        CriterionDecision.NotAccepted => "not-accepted",
        CriterionDecision.StatusAgreed => "status-agreed",
        _ => "no-decision",
    };
}

public sealed record LscRow(int Lsc, string Title, string Statement, string Scope, LscView Opsg, LscView Tag, string Discussion, bool HasDiscussion, IReadOnlyList<NoteLine> Notes);

/// <summary>
/// One residual risk. <see cref="Decision"/> is what the OPSG decided at the meeting; <see cref="StandingKey"/>
/// what the risk is now, which differs only where the TAG has since settled a removal the OPSG left pending
/// (<see cref="Settlement"/> says how). The picture counts risks as they stand now.
/// </summary>
public sealed record RiskRow(
    int Number, string Title, string Explanation, string RaisedBy, string Proposal,
    bool Decided, string Decision, string DecisionKey, string ActionId, bool HasAction, bool CaveatDischarged,
    string TagView, bool HasTagView, string Discussion, bool HasDiscussion, IReadOnlyList<NoteLine> Notes)
{
    /// <summary>What the DCC proposed ("Accept", "Accept and remove"…); empty for a risk added at review.</summary>
    public string DccProposal { get; init; } = "";

    public bool HasDccProposal => DccProposal.Length > 0;

    public string StandingKey { get; init; } = DecisionKey;

    public string Settlement { get; init; } = "";

    public bool HasSettlement => Settlement.Length > 0;

    /// <summary>"Removal approved", "Removal not approved", or empty where the TAG gave no view on removing the risk.</summary>
    public string TagRemoval { get; init; } = "";

    public bool HasTagRemoval => TagRemoval.Length > 0;
}

public sealed record TargetRevisionLine(DateOnly RevisedTarget, string Reason, bool HasReason);

public sealed record ProgressLine(DateOnly On, string Text);

public sealed record ActionRow(
    string ActionId, int Number, string Text, string Owner, DateOnly RaisedOn,
    bool HasTarget, DateOnly Target, IReadOnlyList<TargetRevisionLine> Revisions, bool HasRevisions, DateOnly CurrentTarget,
    bool IsOpen, string Status, string StatusKey, bool HasClosedOn, DateOnly ClosedOn,
    IReadOnlyList<ProgressLine> Progress, IReadOnlyList<NoteLine> Notes)
{
    // How the action stands against today's date. Only the register across meetings knows "today";
    // the stored per-case reports leave these unset, so they stay a pure function of the history.
    public bool HasDue { get; init; }
    public string Due { get; init; } = "";
    public bool IsOverdue { get; init; }
    public int DaysOverdue { get; init; }
}

public sealed record AttendeeRow(string Name, string Organisation, bool HasOrganisation, bool Teleconference, string AlternateFor, bool HasAlternate, bool PartOnly, string Role, bool HasRole);

public sealed record AttendanceGroup(string Constituency, IReadOnlyList<AttendeeRow> People);

public sealed record Attendance(IReadOnlyList<AttendanceGroup> Members, IReadOnlyList<AttendanceGroup> Others, IReadOnlyList<AttendeeRow> Apologies, bool HasApologies)
{
    public bool HasOthers => Others.Count > 0;
}
