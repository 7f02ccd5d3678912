using System.Text.RegularExpressions;
using Opsg.Functions.Criteria;
using Opsg.Functions.Records;

namespace Opsg.Functions.Cases;

public sealed record OpenCaseRequest(string? Title, string? Classification, string? MeetingId, DateOnly? MeetingDate, string? Catalogue = null);

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
        var catalogue = Catalogue(v, request.Catalogue);
        return v.ToRejection() is { } rejection ? (null, rejection) : (new CaseOpened(title, classification, meetingId, request.MeetingDate, catalogue.Id), null);
    }

    public static Decision Decide(CaseState state, CaseOpened opened) =>
        state.Exists
            ? Rejection.OutOfOrder($"Case '{state.CaseId}' is already open.")
            : Decision.Accept(opened);

    /// <summary>The catalogue the case cites from: the one named, or SMETS1 migration when none is.</summary>
    private static CriteriaCatalogue Catalogue(Validator v, string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return CriteriaCatalogues.Default;
        if (CriteriaCatalogues.Find(id.Trim()) is { } known) return known;
        v.Add("catalogue", $"Unknown criteria catalogue; use one of: {string.Join(", ", CriteriaCatalogues.All.Select(c => c.Id))}.");
        return CriteriaCatalogues.Default;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{1,39}$")]
    private static partial Regex MeetingIdPattern();
}
