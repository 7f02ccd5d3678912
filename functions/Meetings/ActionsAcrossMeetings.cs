using System.Collections.Immutable;
using System.Globalization;
using Opsg.Functions.Cases;
using Opsg.Functions.Review;

namespace Opsg.Functions.Meetings;

/// <summary>
/// A review of an action with the meeting that made it; or, for an action a readiness case raised, the case's own
/// post-meeting note closing it (<see cref="InCaseNotes"/>), dated as the note is (else the day it was raised).
/// </summary>
public sealed record ActionReviewAt(string MeetingId, DateOnly HeldOn, ActionReviewed Review, bool InCaseNotes = false)
{
    public bool Closes => Review.Outcome != ActionReviewOutcome.Open;
}

/// <summary>
/// One action as the meetings' records tell it together: raised (or imported) once, then reviewed at later meetings
/// until a review closes it. Whatever happened to the raising meeting's minutes, only a review closes it (or, for an
/// action a readiness case raised, the case's own note closing it). <see cref="CaseId"/> names that case.
/// </summary>
public sealed record ActionHistory(string ActionId, string RaisedAt, DateOnly RaisedOn, string Text, string Owner, string? Target, string? ImportedAt,
    ImmutableList<ActionReviewAt> Reviews)
{
    public string? CaseId { get; init; }

    public bool Imported => ImportedAt is not null;

    /// <summary>"OPSG 24/06" → "OPSG_24": the meeting an ID names.</summary>
    public static string MeetingOf(string actionId) => actionId[..actionId.LastIndexOf('/')].Replace(' ', '_');

    /// <summary>The review that closed it, if any meeting held before <paramref name="date"/> did.</summary>
    public ActionReviewAt? ClosedBefore(DateOnly date) => Reviews.FirstOrDefault(r => r.Closes && r.HeldOn < date);

    /// <summary>Raised by then and not closed by a meeting held on or before it.</summary>
    public bool IsOpenOn(DateOnly date) => RaisedOn <= date && !Reviews.Any(r => r.Closes && r.HeldOn <= date);

    /// <summary>The target in force just before a meeting: the latest revision made earlier, else the one it was raised with.</summary>
    public string? TargetBefore(DateOnly date) =>
        Reviews.LastOrDefault(r => r.HeldOn < date && r.Review.RevisedTarget is not null)?.Review.RevisedTarget ?? Target;

    /// <summary>The target in force at the end of a day: the latest revision made on or before it.</summary>
    public string? TargetOn(DateOnly date) => TargetBefore(date.AddDays(1));

    public ActionReviewAt? LatestReviewOn(DateOnly date) => Reviews.LastOrDefault(r => r.HeldOn <= date);

    /// <summary>Closed by a review at any meeting recorded so far.</summary>
    public bool IsClosed => Reviews.Any(r => r.Closes);

    /// <summary>The target as the records stand now: the latest revision any review made, else the one it was raised with.</summary>
    public string? CurrentTarget => Reviews.LastOrDefault(r => r.Review.RevisedTarget is not null)?.Review.RevisedTarget ?? Target;

    /// <summary>Days past a dated target at the end of <paramref name="date"/>; 0 when not overdue or the target is not a date.</summary>
    public int DaysOverdueOn(DateOnly date) =>
        TargetOn(date) is { } target && ActionTargets.AsDate(target) is { } due && date > due ? date.DayNumber - due.DayNumber : 0;
}

/// <summary>
/// Every action of every meeting, folded from the meetings' own records and the readiness cases reviewed at them: where
/// each was raised or imported, and each review made of it at a later meeting. Pure: the records in, the actions out;
/// the minutes' actions-outstanding section, the reviews, the reminders and the register as of a date read from it.
/// </summary>
public sealed class ActionsAcrossMeetings
{
    private readonly Dictionary<string, ActionHistory> _actions;

    private ActionsAcrossMeetings(Dictionary<string, ActionHistory> actions) => _actions = actions;

    public static ActionsAcrossMeetings From(IEnumerable<MeetingState> meetings, IEnumerable<CaseState>? cases = null)
    {
        var held = meetings.Where(m => m.Exists).OrderBy(m => m.Scheduled!.Date).ThenBy(m => m.MeetingId, StringComparer.Ordinal).ToList();
        var actions = new Dictionary<string, ActionHistory>(StringComparer.OrdinalIgnoreCase);
        foreach (var reviewed in (cases ?? []).Where(c => c.Exists && c.Meeting is not null))
            foreach (var action in reviewed.Actions)
                actions.TryAdd(action.Raised.ActionId, RaisedByCase(reviewed, action));
        foreach (var meeting in held)
        {
            foreach (var raised in meeting.Actions)
                actions.TryAdd(raised.ActionId, new ActionHistory(raised.ActionId, meeting.MeetingId, raised.RaisedOn, raised.Text, raised.Owner, raised.Target, null, []));
            foreach (var imported in meeting.Imported)
                actions.TryAdd(imported.ActionId, new ActionHistory(imported.ActionId, ActionHistory.MeetingOf(imported.ActionId), imported.RaisedOn, imported.Text, imported.Owner, imported.Target, meeting.MeetingId, []));
        }
        foreach (var meeting in held)
            foreach (var review in meeting.Reviews)
                if (actions.TryGetValue(review.ActionId, out var action))
                    actions[review.ActionId] = action with { Reviews = action.Reviews.Add(new ActionReviewAt(meeting.MeetingId, meeting.Scheduled!.Date, review)) };
        return new ActionsAcrossMeetings(actions);
    }

    /// <summary>The meetings' own records, with one of them as it stands now (the one a command is deciding on).</summary>
    public static ActionsAcrossMeetings From(IEnumerable<MeetingState> stored, MeetingState current, IEnumerable<CaseState>? cases = null) =>
        From(stored.Where(m => m.MeetingId != current.MeetingId).Append(current), cases);

    /// <summary>
    /// An action a case raised at its meeting, with the target the case last gave it. Later meetings' reviews come from
    /// the meetings' records (the case holds copies of them, not read here); a post-meeting note of the case that
    /// closed it reads as a review at the raising meeting.
    /// </summary>
    private static ActionHistory RaisedByCase(CaseState reviewed, ActionState action)
    {
        var raised = action.Raised;
        var target = (action.Revisions.IsEmpty ? raised.TargetDate : action.Revisions[^1].RevisedTarget)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var closedInCase = action.ClosedBy is { } note
            ? ImmutableList.Create(new ActionReviewAt(reviewed.Meeting!.MeetingId, note.On ?? raised.RaisedOn,
                new ActionReviewed(0, raised.ActionId, note.Text, null, ActionReviewOutcome.Closed, null, null, null, reviewed.CaseId), InCaseNotes: true))
            : [];
        return new ActionHistory(raised.ActionId, reviewed.Meeting!.MeetingId, raised.RaisedOn, raised.Text, raised.Owner, target, null, closedInCase) { CaseId = reviewed.CaseId };
    }

    public ActionHistory? Find(string actionId) => _actions.GetValueOrDefault(actionId);

    /// <summary>Whether the meeting numbers actions by its own counter here (it has raised at least one).</summary>
    public bool RaisesActions(string meetingId) => _actions.Values.Any(a => a.RaisedAt == meetingId && !a.Imported);

    /// <summary>In the order the register and the minutes list them: by the date raised, then by ID.</summary>
    public IEnumerable<ActionHistory> All => _actions.Values.OrderBy(a => a.RaisedOn).ThenBy(a => a.ActionId, ActionIdOrder.Instance);

    /// <summary>Outstanding at a meeting: raised before it and not closed by a meeting held before it, reviewed there or not.</summary>
    public IReadOnlyList<ActionHistory> OutstandingAt(MeetingState meeting) =>
        All.Where(a => a.RaisedOn < meeting.Scheduled!.Date && a.RaisedAt != meeting.MeetingId && a.ClosedBefore(meeting.Scheduled.Date) is null).ToList();

    public IReadOnlyList<ActionHistory> OpenOn(DateOnly date) => All.Where(a => a.IsOpenOn(date)).ToList();
}

/// <summary>"OPSG 9/02" before "OPSG 11/02": the meeting's number as a number, then the action's.</summary>
public sealed class ActionIdOrder : IComparer<string>
{
    public static readonly ActionIdOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var (mx, nx) = Split(x ?? "");
        var (my, ny) = Split(y ?? "");
        var byMeeting = mx.Length != my.Length && mx.All(char.IsDigit) && my.All(char.IsDigit) ? mx.Length.CompareTo(my.Length) : string.CompareOrdinal(mx, my);
        return byMeeting != 0 ? byMeeting : string.CompareOrdinal(nx, ny);
    }

    private static (string Meeting, string Number) Split(string id)
    {
        var body = id.StartsWith("OPSG ", StringComparison.Ordinal) ? id[5..] : id;
        var slash = body.LastIndexOf('/');
        return slash < 0 ? (body, "") : (body[..slash], body[(slash + 1)..]);
    }
}

/// <summary>An action's target: a date (YYYY-MM-DD), a meeting (OPSG_26), ASAP, TBD or N/A; and how the minutes print it.</summary>
public static partial class ActionTargets
{
    public const string Expected = "A date (YYYY-MM-DD), a meeting (OPSG_26), ASAP, TBD or N/A.";

    public static bool IsValid(string target) => AsDate(target) is not null || Words().IsMatch(target);

    public static DateOnly? AsDate(string target) =>
        DateOnly.TryParseExact(target, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>"2019-11-05" → "05/11/2019" as the seed's table prints it; TBD → "To be determined"; "OPSG_30" → "OPSG 30".</summary>
    public static string Printed(string? target) => target switch
    {
        null => "",
        "TBD" => "To be determined",
        _ when AsDate(target) is { } date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => target.Replace('_', ' '),
    };

    [System.Text.RegularExpressions.GeneratedRegex("^(OPSG_[0-9A-Za-z]{1,12}|ASAP|TBD|N/A)$")]
    private static partial System.Text.RegularExpressions.Regex Words();
}
