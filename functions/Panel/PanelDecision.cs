using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Review;

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

    public static Rejection? Check(CaseState state, PanelDecisionRecorded decision) =>
        state.PanelDecision is not null ? Rejection.OutOfOrder("The Panel's decision is already recorded.")
        : state.Meeting is { } meeting && decision.On < meeting.Date ? Rejection.Invalid("on", "The Panel cannot decide before the OPSG met.")
        : null;
}
