using System.Collections.Immutable;
using Opsg.Functions.Records;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Meetings;

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

    public bool Exists => Scheduled is not null;
    public bool IsFinal => Final is not null;

    /// <summary>Every action raised at the meeting, in the order of its number.</summary>
    public IEnumerable<MeetingActionRaised> Actions => Items.Values.SelectMany(i => i.Actions).OrderBy(a => a.Number);

    /// <summary>Every review of an earlier action made at this meeting, item by item.</summary>
    public IEnumerable<ActionReviewed> Reviews => Items.Values.SelectMany(i => i.Reviews);

    /// <summary>Every change this meeting made to the Issues Log, item by item.</summary>
    public IEnumerable<IssuesLogChanged> IssuesLogChanges => Items.Values.SelectMany(i => i.IssuesLog);

    public static void Register(RecordEvents<MeetingState> events) => events
        .On<MeetingScheduled>((s, e) => s with { Scheduled = e })
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
