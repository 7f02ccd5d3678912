using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Review;

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

    public static Rejection? Check(CaseState state, MinutesApproved approval) =>
        state.MinutesApproved is not null ? Rejection.OutOfOrder("The minutes are already final.")
        : approval.On <= state.Meeting!.Date ? Rejection.Invalid("on", "Minutes are approved at a later meeting than the one they record.")
        : null;
}
