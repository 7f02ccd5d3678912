using Opsg.Functions.Cases;

namespace Opsg.Functions.Panel;

public enum PanelOutcome { Approved, ApprovedWithConditions, Rejected, Deferred }

public sealed record PanelDecisionRecorded(PanelOutcome Outcome, DateOnly On, string? Note) : CaseEvent;
