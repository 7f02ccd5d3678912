using System.Globalization;
using Opsg.Functions.Cases;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;

namespace Opsg.Functions.Meetings;

/// <summary>The meeting's minutes as the template reads them: every word and flag worked out here, pure.</summary>
public sealed record MinutesModel(
    DocumentHeader Header,
    string MeetingName,
    string Held,
    string Place,
    Attendance Attendance,
    IReadOnlyList<MinutesItem> Items,
    bool HasNextMeeting,
    string NextMeeting,
    bool IsFinal,
    string FinalNote,
    IReadOnlyList<OutstandingAction> OutstandingOnItsOwn)
{
    public bool HasOutstandingOnItsOwn => OutstandingOnItsOwn.Count > 0;

    public const string TemplateName = "meeting-minutes";

    /// <summary>
    /// The minutes of <paramref name="state"/>; the actions-outstanding table reads the other meetings' actions from
    /// <paramref name="actions"/>. It prints under the item where the Group reviewed them, or on its own when it
    /// reviewed none.
    /// </summary>
    /// <param name="cases">The readiness cases the agenda names, as they stand; an item whose case is missing says so.</param>
    /// <param name="panelDecisions">The Panel decisions since the last meeting, for the Panel feedback item.</param>
    public static MinutesModel From(MeetingState state, ActionsAcrossMeetings? actions = null, IReadOnlyDictionary<string, CaseState>? cases = null,
        IReadOnlyList<string>? panelDecisions = null)
    {
        var outstanding = actions is null ? [] : OutstandingActions.Rows(state, actions);
        var host = (state.Items.Values.FirstOrDefault(i => i.Added.Standing == StandingItem.ActionsOutstanding)
            ?? state.Items.Values.FirstOrDefault(i => !i.Reviews.IsEmpty))?.Added.Number;
        var meeting = state.Scheduled ?? throw new InvalidOperationException("The meeting was never scheduled.");
        var status = state.IsFinal ? "Final Minutes" : "Draft Minutes";
        var header = new DocumentHeader(MeetingRules.MinutesReference(meeting), $"Operations Group Meeting {MeetingNumber(meeting.MeetingId)}", status,
            ClassificationBanner.For(meeting.Classification));
        var where = meeting.Venue is { } venue ? (meeting.Teleconference ? $"{venue}, and by teleconference" : venue) : "By teleconference only";
        return new MinutesModel(
            header,
            meeting.MeetingId.Replace('_', ' '),
            $"{Long(meeting.Date)}, {meeting.StartTime} – {meeting.EndTime}",
            where,
            state.Attendance is { } a ? ReportRows.Attendance(a.Attendees, a.Apologies) : new Attendance([], [], [], false),
            state.Items.Values.Select(i => Item(i, i.Added.Number == host ? outstanding : [], ReviewedCase(i, cases)) with
            {
                PanelDecisions = i.Added.Standing == StandingItem.PanelFeedback ? panelDecisions ?? [] : [],
                IsPanelFeedback = i.Added.Standing == StandingItem.PanelFeedback,
            }).ToList(),
            meeting.NextMeetingDate is not null,
            meeting.NextMeetingDate is { } next ? Long(next) : "",
            state.IsFinal,
            state.Final is { } final ? $"Approved as final at {final.AtMeeting.Replace('_', ' ')} on {Long(final.On)}{(final.Amendments is null ? "." : ", with amendments: " + final.Amendments)}" : "",
            host is null ? outstanding : []);
    }

    private static MinutesCase? ReviewedCase(ItemState item, IReadOnlyDictionary<string, CaseState>? cases) =>
        item.Added.CaseId is not { } caseId ? null
        : cases?.GetValueOrDefault(caseId) is { Exists: true } reviewed ? MinutesCase.From(reviewed)
        : MinutesCase.Missing(caseId);

    private static MinutesItem Item(ItemState item, IReadOnlyList<OutstandingAction> outstanding, MinutesCase? reviewedCase) => new(
        item.Added.Number,
        item.Added.Title,
        item.Added.Presenter ?? "",
        item.Added.Presenter is not null,
        item.Added.Narrative.Select(p => new MinutesParagraph(p.Heading ?? "", p.Heading is not null, TextLinks.Split(p.Text))).ToList(),
        item.Added.NilReturn ?? "",
        item.Added.NilReturn is not null,
        item.Outcomes.Select(o => Outcome(o, item.Notes.Where(n => n.Outcome == o.Number))).ToList(),
        item.Actions.Select(a => new MinutesAction(a.ActionId, a.Text, a.Owner, Target(a.Target))).ToList(),
        item.Notes.Where(n => n.Outcome is null).Select(Note).ToList(),
        outstanding)
    {
        Case = reviewedCase,
        IssuesLog = item.IssuesLog.Select(IssuesLogLine).ToList(),
    };

    /// <summary>"Added to the OPSG Issues Log as IL 25/01: CH Exceptions (from the DQISG's list)."</summary>
    private static string IssuesLogLine(IssuesLogChanged c)
    {
        var from = c.List == IssuesLogChanges.OwnList ? "" : $" (from the {c.List}'s list)";
        return c.Change switch
        {
            IssuesLogChange.Added => $"Added to the OPSG Issues Log as {c.IssueId}: {c.Title}{from}.",
            IssuesLogChange.Closed => $"Closed on the OPSG Issues Log: {c.IssueId}, {c.Title}{from}.",
            _ => $"Transferred from the OPSG Issues Log to the {c.TransferredTo}: {c.IssueId}, {c.Title}{from}.",
        };
    }

    private static MinutesOutcome Outcome(OutcomeRecorded o, IEnumerable<MeetingNoteAdded> notes) => new(
        o.Number,
        o.Verb.ToString().ToUpperInvariant(),
        o.Verb.ToString().ToLowerInvariant(),
        TextLinks.Split(o.Text),
        o.Points.Select(TextLinks.Split).ToList(),
        o.Points.Count > 0,
        o.SubjectTo ?? "",
        o.SubjectTo is not null,
        o.ForApprovalBy ?? "",
        o.ForApprovalBy is not null,
        notes.Select(Note).ToList());

    /// <summary>"(Post-meeting note, 3 October 2019: …)" or, undated, "(Post-meeting note: …)".</summary>
    private static MinutesNote Note(MeetingNoteAdded n) => new(n.On is { } on ? $"Post-meeting note, {Long(on)}:" : "Post-meeting note:", TextLinks.Split(n.Text));

    private static string Target(string? target) =>
        target is null ? "" : DateOnly.TryParseExact(target, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Long(d) : target.Replace('_', ' ');

    private static string MeetingNumber(string meetingId) => meetingId.StartsWith("OPSG_", StringComparison.Ordinal) ? meetingId["OPSG_".Length..] : meetingId;

    private static string Long(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}

public sealed record MinutesItem(int Number, string Title, string Presenter, bool HasPresenter, IReadOnlyList<MinutesParagraph> Narrative,
    string NilReturn, bool IsNilReturn, IReadOnlyList<MinutesOutcome> Outcomes, IReadOnlyList<MinutesAction> Actions, IReadOnlyList<MinutesNote> Notes,
    IReadOnlyList<OutstandingAction> Outstanding)
{
    public bool HasOutcomes => Outcomes.Count > 0;
    public bool HasOutstanding => Outstanding.Count > 0;

    /// <summary>The readiness case this item reviewed, its parts as the case's own documents word them.</summary>
    public MinutesCase? Case { get; init; }
    public bool IsCase => Case is not null;

    /// <summary>The Panel feedback item: the Panel decisions recorded on cases since the last meeting, listed automatically.</summary>
    public IReadOnlyList<string> PanelDecisions { get; init; } = [];
    public bool IsPanelFeedback { get; init; }
    public bool HasPanelDecisions => PanelDecisions.Count > 0;

    /// <summary>What the item's AGREED outcomes did to the Issues Log, a sentence each.</summary>
    public IReadOnlyList<string> IssuesLog { get; init; } = [];
    public bool HasIssuesLog => IssuesLog.Count > 0;
}

public sealed record MinutesParagraph(string Heading, bool HasHeading, IReadOnlyList<TextSegment> Text);

public sealed record MinutesOutcome(int Number, string Verb, string VerbKey, IReadOnlyList<TextSegment> Text, IReadOnlyList<IReadOnlyList<TextSegment>> Points, bool HasPoints,
    string SubjectTo, bool IsSubjectTo, string ForApprovalBy, bool IsForApproval, IReadOnlyList<MinutesNote> Notes);

public sealed record MinutesAction(string Id, string Text, string Owner, string Target);

public sealed record MinutesNote(string Label, IReadOnlyList<TextSegment> Text);

/// <summary>
/// A readiness case's review as its item's section of the meeting's minutes: the criteria and risks with the Group's
/// (and the TAG's) views, the actions raised on it and the recommendation agreed. Its own Panel report and readiness
/// pack stay the case's.
/// </summary>
public sealed record MinutesCase(string CaseId, string Title, bool Reviewed, IReadOnlyList<LscRow> Criteria, IReadOnlyList<RiskRow> Risks,
    IReadOnlyList<ActionRow> Actions, string Verdict, string Recommendation, string OutcomeKey)
{
    public bool HasActions => Actions.Count > 0;

    public static MinutesCase From(CaseState reviewed)
    {
        var recommendation = reviewed.Meeting is null ? null : RecommendationView.For(reviewed);
        return new MinutesCase(reviewed.CaseId, reviewed.Opened!.Title, reviewed.Meeting is not null, ReportRows.Criteria(reviewed), ReportRows.Risks(reviewed),
            ReportRows.Actions(reviewed), recommendation?.AgreedVerdict ?? "", recommendation?.AgreedAtMeeting ?? "", recommendation?.AgreedOutcomeKey ?? "");
    }

    public static MinutesCase Missing(string caseId) => new(caseId, "", false, [], [], [], "", "", "");
}
