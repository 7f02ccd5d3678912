using System.Collections.Immutable;

namespace Opsg.Functions.Meetings;

/// <summary>A change to an entry with the meeting that made it.</summary>
public sealed record IssueChangeAt(string MeetingId, DateOnly HeldOn, IssuesLogChanged Change);

/// <summary>One entry of the OPSG Issues Log: opened by one meeting's outcome, closed or transferred by a later one's.</summary>
public sealed record IssueEntry(string IssueId, string Title, string List, IssueChangeAt Opened, IssueChangeAt? Ended)
{
    /// <summary>"open", "closed" or "transferred" at the end of a day.</summary>
    public string StatusOn(DateOnly date) =>
        Ended is { } ended && ended.HeldOn <= date ? (ended.Change.Change == IssuesLogChange.Transferred ? "transferred" : "closed") : "open";

    public bool IsOpen => Ended is null;
}

/// <summary>
/// The OPSG Issues Log, folded from the meetings' records: it changes only by their AGREED outcomes. Pure: the
/// meetings in, the entries out, as of any date.
/// </summary>
public sealed class IssuesLog
{
    private readonly Dictionary<string, IssueEntry> _entries;

    private IssuesLog(Dictionary<string, IssueEntry> entries) => _entries = entries;

    public static IssuesLog From(IEnumerable<MeetingState> meetings)
    {
        var entries = new Dictionary<string, IssueEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var meeting in meetings.Where(m => m.Exists).OrderBy(m => m.Scheduled!.Date).ThenBy(m => m.MeetingId, StringComparer.Ordinal))
            foreach (var change in meeting.IssuesLogChanges)
            {
                var at = new IssueChangeAt(meeting.MeetingId, meeting.Scheduled!.Date, change);
                if (change.Change == IssuesLogChange.Added) entries.TryAdd(change.IssueId, new IssueEntry(change.IssueId, change.Title, change.List, at, null));
                else if (entries.TryGetValue(change.IssueId, out var entry) && entry.Ended is null) entries[change.IssueId] = entry with { Ended = at };
            }
        return new IssuesLog(entries);
    }

    public static IssuesLog From(IEnumerable<MeetingState> stored, MeetingState current) =>
        From(stored.Where(m => m.MeetingId != current.MeetingId).Append(current));

    public IssueEntry? Find(string issueId) => _entries.GetValueOrDefault(issueId);

    /// <summary>The entries opened by the end of <paramref name="date"/>, in the order they were opened.</summary>
    public IReadOnlyList<IssueEntry> On(DateOnly date) =>
        _entries.Values.Where(e => e.Opened.HeldOn <= date).OrderBy(e => e.Opened.HeldOn).ThenBy(e => e.IssueId, StringComparer.Ordinal).ToImmutableList();
}
