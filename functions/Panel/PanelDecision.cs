using Opsg.Functions.Cases;
using Opsg.Functions.Reports;

namespace Opsg.Functions.Panel;

public sealed record PanelDecisionRequest(string? Outcome, DateOnly? On, string? Note);

/// <summary>What the SEC Panel decided on the consolidated report. It can only decide on a report it has received.</summary>
public static class PanelDecision
{
    public static (PanelDecisionRecorded? Event, Rejection? Rejection) Validate(PanelDecisionRequest request)
    {
        var v = new Validator();
        var decided = new PanelDecisionRecorded(
            v.Enum<PanelOutcome>(request.Outcome, "outcome"),
            v.Required(request.On, "on"),
            v.OptionalText(request.Note, "note", Validator.MaxLongText));
        return v.ToRejection() is { } rejection ? (null, rejection) : (decided, null);
    }

    public static bool Awaited(CaseState state) => state.Reports.Any(r => r.Kind == ReportKinds.PanelReport);

    public static Rejection? Check(CaseState state, PanelDecisionRecorded decision) =>
        state.PanelDecision is not null ? Rejection.OutOfOrder("The Panel's decision is already recorded.")
        : state.Meeting is { } meeting && decision.On < meeting.Date ? Rejection.Invalid("on", "The Panel cannot decide before the OPSG met.")
        : null;
}

public sealed record MinutesApprovalRequest(string? AtMeeting, DateOnly? On);

/// <summary>The draft minutes are approved as final at a later meeting; that completes the case.</summary>
public static class MinutesApproval
{
    public static (MinutesApproved? Event, Rejection? Rejection) Validate(MinutesApprovalRequest request)
    {
        var v = new Validator();
        var approved = new MinutesApproved(v.Text(request.AtMeeting, "atMeeting", 40), v.Required(request.On, "on"));
        return v.ToRejection() is { } rejection ? (null, rejection) : (approved, null);
    }

    public static bool Awaited(CaseState state) => state.Meeting is not null;

    public static Rejection? Check(CaseState state, MinutesApproved approval) =>
        state.MinutesApproved is not null ? Rejection.OutOfOrder("The minutes are already final.")
        : approval.On <= state.Meeting!.Date ? Rejection.Invalid("on", "Minutes are approved at a later meeting than the one they record.")
        : null;
}
