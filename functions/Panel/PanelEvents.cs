using Opsg.Functions.Cases;

namespace Opsg.Functions.Panel;

public enum PanelOutcome { Approved, ApprovedWithConditions, Rejected, Deferred }

public sealed record PanelDecisionRecorded(PanelOutcome Outcome, DateOnly On, string? Note) : CaseEvent;

/// <summary>The draft minutes were approved as final at a later meeting; the case is then complete.</summary>
public sealed record MinutesApproved(string AtMeeting, DateOnly On) : CaseEvent;
