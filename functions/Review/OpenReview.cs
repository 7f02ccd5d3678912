using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Review;

public sealed record OpenReviewRequest(DateOnly? MeetingDate, DateOnly? ReportDueDate);

/// <summary>SECAS opens the review and issues the pack: the meeting is fixed on the schedule.</summary>
public static class OpenReview
{
    public static (OpenReviewRequest? Command, Rejection? Rejection) Validate(OpenReviewRequest request)
    {
        var v = new Validator();
        if (request.MeetingDate is { } meeting && request.ReportDueDate is { } due)
            v.Check(due >= meeting, "reportDueDate", "The report to the Panel cannot be due before the meeting.");
        return v.ToRejection() is { } rejection ? (null, rejection) : (request, null);
    }

    public static Decision Decide(CaseState state, OpenReviewRequest request)
    {
        if (CaseRules.Live(state) is { } refused) return refused;
        if (state.Submission is null) return Rejection.OutOfOrder("The DCC has not submitted its readiness statement yet.");
        if (state.Meeting is not null) return Rejection.OutOfOrder("The meeting has already been held.");
        var date = request.MeetingDate ?? state.Opened!.MeetingDate;
        if (date is null) return Rejection.Invalid("meetingDate", "Required: the case was opened without a meeting date.");
        var opened = new ReviewOpened(state.Opened!.MeetingId, date.Value, request.ReportDueDate);
        return state.ReviewOpened == opened ? Decision.Accept() : Decision.Accept(opened);
    }
}
