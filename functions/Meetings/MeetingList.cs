using Opsg.Functions.Records;

namespace Opsg.Functions.Meetings;

/// <summary>
/// GET /api/meetings: every meeting recorded here, the latest first, or those held between two dates: where each stands
/// (scheduled, minuted, draft minutes out, final, cancelled) and where to read it. The Group meets about monthly, so a few hundred
/// meetings over the years is the whole list; it is read through the record cache, as the register is.
/// </summary>
public static class MeetingList
{
    public sealed record Row(
        string MeetingId,
        MeetingKind Kind,
        DateOnly Date,
        string MinutesReference,
        string Stage,
        string RuntimeStatus,
        string MinutesStatus,
        int? LatestMinutesVersion,
        int Items,
        int ActionsRaised,
        long Version,
        string Url);

    /// <summary>
    /// Every field wrong in the query, or null: a date that does not read (<paramref name="unreadable"/>), and a range that
    /// ends before it starts, which matches nothing and is more likely a mistake than a question.
    /// </summary>
    public static Rejection? Check(DateOnly? from, DateOnly? to, params Rejection?[] unreadable)
    {
        var errors = unreadable.SelectMany(r => r?.Errors ?? new Dictionary<string, string[]>()).ToDictionary(e => e.Key, e => e.Value);
        if (from is { } start && to is { } end && end < start) errors["to"] = ["On or after from."];
        return errors.Count == 0 ? null : Rejection.Invalid(errors);
    }

    public static IReadOnlyList<Row> From(IEnumerable<MeetingState> meetings, DateOnly? from, DateOnly? to) => meetings
        .Where(m => m.Scheduled is { } s && (from is null || s.Date >= from) && (to is null || s.Date <= to))
        .OrderByDescending(m => m.Scheduled!.Date).ThenBy(m => m.MeetingId, StringComparer.Ordinal)
        .Select(ToRow)
        .ToList();

    private static Row ToRow(MeetingState m) => new(
        m.MeetingId,
        m.Scheduled!.Kind,
        m.Scheduled.Date,
        MeetingRules.MinutesReference(m.Scheduled),
        MeetingProcess.Stage(m).ToString(),
        MeetingProcess.Runtime(m).ToString(),
        m.IsFinal ? "final" : "draft",
        m.Minutes.IsEmpty ? null : m.Minutes.Max(v => v.Version),
        m.Items.Count,
        m.Actions.Count(),
        m.Version,
        MeetingUrls.Meeting(m.MeetingId));
}
