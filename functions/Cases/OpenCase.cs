using System.Text.RegularExpressions;

namespace Opsg.Functions.Cases;

public sealed record OpenCaseRequest(string? Title, string? Classification, string? MeetingId, DateOnly? MeetingDate);

/// <summary>SECAS opens a readiness-review case: the start of the orchestration.</summary>
public static partial class OpenCase
{
    public static (CaseOpened? Event, Rejection? Rejection) Validate(OpenCaseRequest request)
    {
        var v = new Validator();
        var title = v.Text(request.Title, "title");
        var classification = v.Enum<Classification>(request.Classification, "classification");
        var meetingId = v.Text(request.MeetingId, "meetingId", 40);
        if (meetingId.Length > 0) v.Check(MeetingIdPattern().IsMatch(meetingId), "meetingId", "Use the meeting's reference, e.g. OPSG_29xxx: letters, digits and underscores.");
        return v.ToRejection() is { } rejection ? (null, rejection) : (new CaseOpened(title, classification, meetingId, request.MeetingDate), null);
    }

    public static Decision Decide(CaseState state, CaseOpened opened) =>
        state.Exists
            ? Rejection.OutOfOrder($"Case '{state.CaseId}' is already open.")
            : Decision.Accept(opened);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{1,39}$")]
    private static partial Regex MeetingIdPattern();
}
