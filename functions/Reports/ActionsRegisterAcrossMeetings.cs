using System.Globalization;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Review;

namespace Opsg.Functions.Reports;

/// <summary>
/// The actions register SECAS takes into the next OPSG meeting: every outstanding action of every
/// case, grouped by the meeting that raised it (oldest meeting first, as actions are carried
/// forward), each with how it stands against today. Pure: the cases' folded states and today's date
/// in, the view model out.
/// </summary>
public sealed record ActionsRegisterAcrossMeetings(
    DocumentHeader Header,
    DateOnly AsOf,
    bool IncludesClosed,
    IReadOnlyList<MeetingActions> Meetings,
    bool HasMeetings,
    int OpenCount,
    int OverdueCount,
    int ClosedCount,
    string Summary)
{
    /// <summary>The template in templates/pages/ that renders this model.</summary>
    public const string Page = "actions-register-across-meetings";

    /// <param name="raisedAtMeetings">The actions meetings raised or imported themselves, as they stood at <paramref name="today"/>.</param>
    public static ActionsRegisterAcrossMeetings From(IEnumerable<CaseState> cases, DateOnly today, bool includeClosed = false, IEnumerable<RegisterMeetingAction>? raisedAtMeetings = null)
    {
        var ofMeetings = (raisedAtMeetings ?? []).Where(a => includeClosed || a.IsOpen).ToList();
        var ofCases = cases
            .Where(s => s.Exists && s.Meeting is not null)
            .Select(s => (State: s, Meeting: s.Meeting!, Actions: Listed(s, today, includeClosed)))
            .Where(c => c.Actions.Count > 0)
            .ToList();
        // Actions exist only once a meeting is recorded, and their IDs are that meeting's.
        var meetings = ofCases.Select(c => (c.Meeting.MeetingId, c.Meeting.Date))
            .Concat(ofMeetings.Select(a => (a.MeetingId, a.MeetingDate)))
            .GroupBy(m => m.MeetingId, StringComparer.Ordinal)
            .Select(g => (MeetingId: g.Key, Date: g.Min(m => m.Item2)))
            .OrderBy(m => m.Date).ThenBy(m => m.MeetingId, StringComparer.Ordinal)
            .Select(m => new MeetingActions(
                m.MeetingId,
                ReviewFacts.MeetingName(m.MeetingId),
                m.Date,
                ofCases.Where(c => c.Meeting.MeetingId == m.MeetingId)
                    .OrderBy(c => c.State.Opened!.Title, StringComparer.Ordinal).ThenBy(c => c.State.CaseId, StringComparer.Ordinal)
                    .Select(c => new CaseActions(c.State.CaseId, c.State.Opened!.Title, c.Actions)).ToList())
            {
                Raised = ofMeetings.Where(a => a.MeetingId == m.MeetingId).ToList(),
            })
            .ToList();
        var rows = meetings.SelectMany(m => m.Cases).SelectMany(c => c.Actions).ToList();
        var (open, overdue, closed) = (
            rows.Count(r => r.IsOpen) + ofMeetings.Count(a => a.IsOpen),
            rows.Count(r => r.IsOverdue) + ofMeetings.Count(a => a.DaysOverdue > 0),
            rows.Count(r => !r.IsOpen) + ofMeetings.Count(a => !a.IsOpen));
        return new ActionsRegisterAcrossMeetings(
            HeaderFor(today, includeClosed),
            today,
            includeClosed,
            meetings,
            meetings.Count > 0,
            open,
            overdue,
            closed,
            SummaryOf(today, open, overdue, includeClosed ? closed : null));
    }

    /// <summary>"As at 10 April 2020: 3 actions are open, 2 of them overdue; 1 closed action is listed after the open ones."</summary>
    public static string SummaryOf(DateOnly asOf, int open, int overdue, int? closed)
    {
        var openPart = (open, overdue) switch
        {
            (0, _) => "no action is open",
            (1, 0) => "1 action is open and not overdue",
            (1, _) => "1 action is open and overdue",
            (_, 0) => $"{ReportFormats.Thousands(open)} actions are open, none overdue",
            _ => $"{ReportFormats.Thousands(open)} actions are open, {ReportFormats.Thousands(overdue)} of them overdue",
        };
        var closedPart = closed switch
        {
            null => "",
            0 => "; no action is closed",
            1 => "; 1 closed action is listed after the open ones",
            _ => $"; {ReportFormats.Thousands(closed.Value)} closed actions are listed after the open ones",
        };
        return $"As at {ReportFormats.LongDate(asOf)}: {openPart}{closedPart}.";
    }

    /// <summary>
    /// Open actions in the order raised; closed ones after them, only when asked for. As of <paramref name="today"/>:
    /// an action raised after it is not listed, and one closed on a later day (by a dated note or a later meeting's
    /// review) was still open then.
    /// </summary>
    private static List<ActionRow> Listed(CaseState state, DateOnly today, bool includeClosed)
    {
        var rows = ReportRows.Actions(state).ToDictionary(r => r.ActionId, StringComparer.Ordinal);
        return state.Actions.Where(a => a.Raised.RaisedOn <= today)
            .Select(a => (Action: a, Open: OpenOn(a, today)))
            .Where(a => includeClosed || a.Open)
            .OrderBy(a => a.Open ? 0 : 1).ThenBy(a => a.Action.Raised.Number)
            .Select(a => WithDue(a.Open ? StillOpen(rows[a.Action.Raised.ActionId]) : rows[a.Action.Raised.ActionId], a.Action, today, a.Open))
            .ToList();
    }

    private static bool OpenOn(ActionState action, DateOnly date) => action.IsOpen || action.ClosedOn is { } closed && closed > date;

    private static ActionRow StillOpen(ActionRow row) =>
        row.IsOpen ? row : row with { IsOpen = true, Status = "Open", StatusKey = "open", HasClosedOn = false, ClosedOn = default };

    /// <summary>Measured against the latest target: a revised target replaces the earlier ones.</summary>
    private static ActionRow WithDue(ActionRow row, ActionState action, DateOnly today, bool open)
    {
        if (!open || action.CurrentTarget is not { } target) return row;
        var daysPast = today.DayNumber - target.DayNumber;
        return row with
        {
            HasDue = true,
            Due = Due(daysPast),
            IsOverdue = daysPast > 0,
            DaysOverdue = Math.Max(daysPast, 0),
        };
    }

    /// <summary>"overdue by 3 days", "due today", "due in 1 day": days past the target, as the register words them.</summary>
    public static string Due(int daysPast) => daysPast switch
    {
        > 0 => $"overdue by {Days(daysPast)}",
        0 => "due today",
        _ => $"due in {Days(-daysPast)}",
    };

    private static string Days(int count) => count == 1 ? "1 day" : $"{ReportFormats.Thousands(count)} days";

    // A working document that names several cases: never for publication, whatever each case allows.
    private static DocumentHeader HeaderFor(DateOnly today, bool includeClosed) => new(
        $"OPSG_AR_{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}",
        includeClosed ? "Actions register: every action across meetings" : "Actions register: outstanding actions across meetings",
        $"Working copy as at {ReportFormats.LongDate(today)}",
        ClassificationBanner.For(Classification.NotForPublication));
}

/// <summary>The actions one meeting raised, by case, then those it raised under its own items (or that were imported with its ID).</summary>
public sealed record MeetingActions(string MeetingId, string MeetingName, DateOnly Date, IReadOnlyList<CaseActions> Cases)
{
    public IReadOnlyList<RegisterMeetingAction> Raised { get; init; } = [];
    public bool HasRaised => Raised.Count > 0;
}

/// <summary>
/// An action a meeting raised under its own items (or one imported with that meeting's ID), as it stood on the
/// register's date: its target then, how overdue it was, and the latest review of it by then.
/// </summary>
public sealed record RegisterMeetingAction(
    string MeetingId, DateOnly MeetingDate, string ActionId, string Text, string Owner, DateOnly RaisedOn, bool Imported,
    string Target, bool IsOpen, string Status, string StatusKey, string Due, bool HasDue, int DaysOverdue,
    string LatestReview, bool HasLatestReview);

public sealed record CaseActions(string CaseId, string Title, IReadOnlyList<ActionRow> Actions);
