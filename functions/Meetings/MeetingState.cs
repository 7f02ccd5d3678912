using System.Collections.Immutable;
using Opsg.Functions.Records;
using Opsg.Functions.Review;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Meetings;

/// <summary>An event in a meeting's history (instance id = meeting id, e.g. OPSG_25).</summary>
public abstract record MeetingEvent : RecordEvent;

/// <summary>Monthly and numbered (OPSG_25), or called when a readiness decision cannot wait (OPSG_29xxx).</summary>
public enum MeetingKind { Ordinary, Extraordinary }

/// <summary>SECAS put the meeting in the calendar: everything the minutes' header says of it.</summary>
public sealed record MeetingScheduled(
    string MeetingId,
    MeetingKind Kind,
    DateOnly Date,
    string StartTime,
    string EndTime,
    string? Venue,
    bool Teleconference,
    Classification Classification,
    DateOnly? NextMeetingDate,
    int PapersDueWorkingDays = MeetingReminders.PapersDueWorkingDays,
    int DraftMinutesWorkingDays = MeetingReminders.DraftMinutesWorkingDays) : MeetingEvent;

/// <summary>
/// SECAS moved the meeting before anything was minuted: a new date, times or place (and the next meeting's date); its
/// number, kind, classification and reminder settings stay as created.
/// </summary>
public sealed record MeetingRescheduled(DateOnly Date, string StartTime, string EndTime, string? Venue, bool Teleconference, DateOnly? NextMeetingDate) : MeetingEvent;

/// <summary>
/// SECAS called the meeting off before anything was recorded of it (one called off, or created in error): it takes no
/// more commands and sends no more reminders, and the meeting before it stays "the previous meeting" for the next one.
/// </summary>
public sealed record MeetingCancelled(string Reason) : MeetingEvent;

/// <summary>When and why a meeting was cancelled, as its history says.</summary>
public sealed record Cancellation(string Reason, DateTimeOffset At);

/// <summary>
/// SECAS took back a cancellation (a meeting called off in error, or one the Group will hold after all): the meeting
/// takes commands again and its reminders still ahead are due again. Its number was kept for this.
/// </summary>
public sealed record MeetingReinstated(string Reason) : MeetingEvent;

/// <summary>
/// When and why a cancelled meeting was last reinstated, and the history's sequence of that event (after the command
/// that recorded it, the meeting's orchestration, ended by the cancellation, is started again).
/// </summary>
public sealed record Reinstatement(string Reason, DateTimeOffset At, long Sequence);

/// <summary>Who attended and who sent apologies; recorded again, it replaces the last (the history keeps both).</summary>
public sealed record AttendanceRecorded(IReadOnlyList<Attendee> Attendees, IReadOnlyList<Apology> Apologies) : MeetingEvent;

/// <summary>A narrative paragraph of an item, under an optional sub-heading (one per incident, say).</summary>
public sealed record Paragraph(string? Heading, string Text);

/// <summary>
/// An agenda item, in the order of its number; a nil return ("None proposed.") has no outcomes. An item may be a
/// readiness case reviewed at the meeting (<paramref name="CaseId"/>): the review's parts print as its section.
/// </summary>
public sealed record AgendaItemAdded(int Number, string Title, string? Presenter, IReadOnlyList<Paragraph> Narrative, string? NilReturn, string? CaseId = null,
    StandingItem? Standing = null) : MeetingEvent;

/// <summary>
/// The items every ordinary meeting has, each with data of its own: the Panel's feedback lists the Panel decisions
/// recorded on cases since the last meeting; the actions-outstanding item holds the table of earlier actions.
/// </summary>
public enum StandingItem { PreviousMinutes, PanelFeedback, ActionsOutstanding, AnyOtherBusiness }

/// <summary>The Group's own verbs for what it concluded.</summary>
public enum OutcomeVerb { Agreed, Noted, Endorsed, Recommended, Discussed }

/// <summary>
/// What the Group concluded on an item: "NOTED that:" with its numbered points, ENDORSED subject to something,
/// RECOMMENDED for approval by a named body. Numbered within the item, in the order recorded.
/// </summary>
public sealed record OutcomeRecorded(int Item, int Number, OutcomeVerb Verb, string Text, IReadOnlyList<string> Points, string? SubjectTo, string? ForApprovalBy) : MeetingEvent;

/// <summary>An action raised under an item, numbered by the meeting's counter (shared with the cases reviewed there).</summary>
public sealed record MeetingActionRaised(int Item, string ActionId, int Number, string Text, string Owner, DateOnly RaisedOn, string? Target) : MeetingEvent;

/// <summary>A note added after the meeting to an item, or to one of its outcomes; dated or not, printed in brackets.</summary>
public sealed record MeetingNoteAdded(int Item, int? Outcome, DateOnly? On, string Text) : MeetingEvent;

/// <summary>SECAS asked for the minutes to be rendered; the process schedules the rendering.</summary>
public sealed record MinutesRequested : MeetingEvent;

/// <summary>A version of the minutes was written to Blob, from the history up to the step that rendered it.</summary>
public sealed record MinutesRendered(long Scheduled, int Version, bool Final, string BlobName, string Sha256, string TemplateHash) : MeetingEvent;

/// <summary>At this meeting the Group approved the previous meeting's draft minutes, with or without amendments.</summary>
public sealed record PreviousMinutesApproved(string MeetingId, string? Amendments) : MeetingEvent;

/// <summary>This meeting's minutes were approved at a later meeting: final from now on.</summary>
public sealed record MinutesMadeFinal(string AtMeeting, DateOnly On, string? Amendments) : MeetingEvent;

/// <summary>
/// An action raised before the system existed, brought in once with what it already had (its ID, the date it was
/// raised, its target and owner) by the meeting that first reviews it.
/// </summary>
public sealed record ActionImported(string ActionId, DateOnly RaisedOn, string Text, string Owner, string? Target) : MeetingEvent;

/// <summary>What the Group concluded when it reviewed an action at a later meeting.</summary>
public enum ActionReviewOutcome { Open, Closed, Superseded, Transferred, MovedToProject }

/// <summary>
/// At this meeting, under an item (the actions-outstanding item, usually), the Group reviewed an action raised earlier:
/// the discussion, a revised target if any, and whether it stays open, or is closed, superseded by another action,
/// transferred to another body or moved into a project. <see cref="CaseId"/> names the readiness case that raised the
/// action, when one did: the meeting's workflow then copies the review onto that case.
/// </summary>
public sealed record ActionReviewed(int Item, string ActionId, string Discussion, string? RevisedTarget, ActionReviewOutcome Outcome,
    string? SupersededBy, string? TransferredTo, string? Project, string? CaseId = null) : MeetingEvent;

/// <summary>How an AGREED outcome changed the OPSG Issues Log.</summary>
public enum IssuesLogChange { Added, Closed, Transferred }

/// <summary>
/// An AGREED outcome changed the OPSG Issues Log: an entry added (from the OPSG's own business or a sub-group's list,
/// such as the DQISG's), closed, or transferred to another body. The entry's title and list are carried on every change,
/// so the minutes that record it read on their own.
/// </summary>
public sealed record IssuesLogChanged(int Item, int Outcome, IssuesLogChange Change, string IssueId, string Title, string List, string? TransferredTo) : MeetingEvent;

/// <summary>A reminder of the meeting's timeline went to one person of SECAS's secretariat (recorded once per person).</summary>
public sealed record MeetingReminderSent(string Reminder, string Name, string Address, string MessageId) : MeetingEvent;

/// <summary>An agenda item as the meeting stands: its outcomes, actions and notes in the order recorded.</summary>
public sealed record ItemState(AgendaItemAdded Added, ImmutableList<OutcomeRecorded> Outcomes, ImmutableList<MeetingActionRaised> Actions, ImmutableList<MeetingNoteAdded> Notes)
{
    /// <summary>The earlier meetings' actions the Group reviewed under this item, in the order recorded.</summary>
    public ImmutableList<ActionReviewed> Reviews { get; init; } = [];

    /// <summary>What the item's AGREED outcomes did to the OPSG Issues Log, in the order recorded.</summary>
    public ImmutableList<IssuesLogChanged> IssuesLog { get; init; } = [];
}

/// <summary>Everything known about a meeting, built only by folding its history.</summary>
public sealed record MeetingState : RecordState
{
    public static MeetingState Empty(string meetingId) => new() { Id = meetingId };

    public string MeetingId => Id;
    public MeetingScheduled? Scheduled { get; init; }
    public AttendanceRecorded? Attendance { get; init; }
    public ImmutableSortedDictionary<int, ItemState> Items { get; init; } = ImmutableSortedDictionary<int, ItemState>.Empty;
    public bool MinutesRequested { get; init; }
    public ImmutableList<MinutesRendered> Minutes { get; init; } = [];
    public PreviousMinutesApproved? ApprovedPrevious { get; init; }
    public MinutesMadeFinal? Final { get; init; }
    public ImmutableList<ActionImported> Imported { get; init; } = [];
    public Cancellation? Cancelled { get; init; }
    public Reinstatement? Reinstated { get; init; }

    public bool Exists => Scheduled is not null;
    public bool IsFinal => Final is not null;
    public bool IsCancelled => Cancelled is not null;

    /// <summary>Whether anything is recorded of the meeting itself: who came, an item, an import, a previous meeting's minutes approved, minutes asked for.</summary>
    public bool IsMinuted => !Items.IsEmpty || Attendance is not null || !Imported.IsEmpty || ApprovedPrevious is not null || MinutesRequested || !Minutes.IsEmpty;

    /// <summary>
    /// The meeting held last before <paramref name="meeting"/> among <paramref name="meetings"/> (a cancelled one was
    /// not held): the one whose minutes it approves, and whose date its Panel feedback counts from.
    /// </summary>
    public static MeetingState? HeldLastBefore(IEnumerable<MeetingState> meetings, MeetingState meeting) =>
        meeting.Scheduled is not { } held ? null
        : meetings.Where(m => m.Scheduled is { } other && other.Date < held.Date && !m.IsCancelled).MaxBy(m => m.Scheduled!.Date);

    /// <summary>Every action raised at the meeting, in the order of its number.</summary>
    public IEnumerable<MeetingActionRaised> Actions => Items.Values.SelectMany(i => i.Actions).OrderBy(a => a.Number);

    /// <summary>Every review of an earlier action made at this meeting, item by item.</summary>
    public IEnumerable<ActionReviewed> Reviews => Items.Values.SelectMany(i => i.Reviews);

    /// <summary>Every change this meeting made to the Issues Log, item by item.</summary>
    public IEnumerable<IssuesLogChanged> IssuesLogChanges => Items.Values.SelectMany(i => i.IssuesLog);

    public static void Register(RecordEvents<MeetingState> events) => events
        .On<MeetingScheduled>((s, e) => s with { Scheduled = e })
        .On<MeetingRescheduled>((s, e) => s with
        {
            Scheduled = s.Scheduled! with { Date = e.Date, StartTime = e.StartTime, EndTime = e.EndTime, Venue = e.Venue, Teleconference = e.Teleconference, NextMeetingDate = e.NextMeetingDate },
        })
        .On<MeetingCancelled>((s, e, recorded) => s with { Cancelled = new Cancellation(e.Reason, recorded.Time) })
        .On<MeetingReinstated>((s, e, recorded) => s with { Cancelled = null, Reinstated = new Reinstatement(e.Reason, recorded.Time, recorded.Sequence) })
        .On<AttendanceRecorded>((s, e) => s with { Attendance = e })
        .On<AgendaItemAdded>((s, e) => s with { Items = s.Items.SetItem(e.Number, new ItemState(e, [], [], [])) })
        .On<OutcomeRecorded>((s, e) => s.UpdateItem(e.Item, i => i with { Outcomes = i.Outcomes.Add(e) }))
        .On<MeetingActionRaised>((s, e) => s.UpdateItem(e.Item, i => i with { Actions = i.Actions.Add(e) }))
        .On<MeetingNoteAdded>((s, e) => s.UpdateItem(e.Item, i => i with { Notes = i.Notes.Add(e) }))
        .On<ActionImported>((s, e) => s with { Imported = s.Imported.Add(e) })
        .On<ActionReviewed>((s, e) => s.UpdateItem(e.Item, i => i with { Reviews = i.Reviews.Add(e) }))
        .On<IssuesLogChanged>((s, e) => s.UpdateItem(e.Item, i => i with { IssuesLog = i.IssuesLog.Add(e) }))
        // The sending step reads who was sent what from the history itself; the state needs nothing of it.
        .On<MeetingReminderSent>((s, _) => s)
        .On<MinutesRequested>((s, _) => s with { MinutesRequested = true })
        .On<MinutesRendered>((s, e) => RecordSteps.UpdateActivity(s, e.Scheduled, a => a with { Status = ActivityStatus.Completed, Output = e.BlobName }) with { Minutes = s.Minutes.Add(e) })
        .On<PreviousMinutesApproved>((s, e) => s with { ApprovedPrevious = e })
        .On<MinutesMadeFinal>((s, e) => s with { Final = e });

    private MeetingState UpdateItem(int number, Func<ItemState, ItemState> change) =>
        Items.TryGetValue(number, out var item) ? this with { Items = Items.SetItem(number, change(item)) } : this;
}
