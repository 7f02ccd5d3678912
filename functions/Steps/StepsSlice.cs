using System.Collections.Immutable;
using Opsg.Functions.Records;

namespace Opsg.Functions.Steps;

/// <summary>
/// Work the engine will do outside the fold (I/O), named by the feature that owns it (a report to render, links to
/// mail, a reminder to send). Its sequence in the history is its identity: outputs are named from record + sequence,
/// so running it twice writes the same thing twice. A reminder's step names its reminder (the timer that fired) and
/// says in <paramref name="Message"/> what it is about.
/// </summary>
public sealed record ActivityScheduled(string Name, string? ReportKind, int? ReportVersion, string? Message, string? Reminder = null) : RecordEvent;

public sealed record ActivityCompleted(long Scheduled, string? Output) : RecordEvent;

/// <summary>The activity failed on its last attempt; the record shows it until SECAS retries it.</summary>
public sealed record ActivityFailed(long Scheduled, string Error, int Attempts) : RecordEvent;

public sealed record ActivityRetried(long Scheduled) : RecordEvent;

public sealed record TimerScheduled(string TimerId, DateTimeOffset DueAt, string Purpose, string? Ref) : RecordEvent;

public sealed record TimerFired(string TimerId) : RecordEvent;

/// <summary>An external event that arrived before the record waited for it: kept in its inbox, never dropped.</summary>
public sealed record ExternalEventRaised(string Name, string EventType, string Payload) : RecordEvent;

/// <summary>
/// A kept event was handed to the record once it waited for it. <paramref name="Refused"/> says why it
/// was not applied, when the record had moved on in a way that made it invalid.
/// </summary>
public sealed record ExternalEventDelivered(long Raised, string? Refused) : RecordEvent;

public enum ActivityStatus { Scheduled, Completed, Failed }

public sealed record ActivityState(long Sequence, ActivityScheduled Scheduled, ActivityStatus Status, string? Output, string? Error, int Attempts)
{
    /// <summary>How often SECAS retried it after it failed; each retry is a new run with its own completion key.</summary>
    public int Retries { get; init; }
}

public sealed record TimerState(TimerScheduled Scheduled, bool Fired);

/// <summary>A kept external event that no longer fitted the record when it was delivered.</summary>
public sealed record RefusedExternalEvent(long Raised, string Name, string Reason);

/// <summary>What a record has asked of the engine and what the engine did: steps, durable timers, kept external events.</summary>
public sealed record StepsSlice(
    ImmutableSortedDictionary<long, ActivityState> Activities,
    ImmutableDictionary<string, TimerState> Timers,
    ImmutableSortedDictionary<long, ExternalEventRaised> Inbox,
    ImmutableList<RefusedExternalEvent> RefusedEvents) : IRecordSlice<StepsSlice>
{
    public static StepsSlice Empty { get; } = new(
        ImmutableSortedDictionary<long, ActivityState>.Empty,
        ImmutableDictionary<string, TimerState>.Empty,
        ImmutableSortedDictionary<long, ExternalEventRaised>.Empty,
        []);
}

/// <summary>The steps' part of any record, and how the step events fold into it.</summary>
public static class RecordSteps
{
    extension(RecordState state)
    {
        public ImmutableSortedDictionary<long, ActivityState> Activities => state.Slice<StepsSlice>().Activities;
        public ImmutableDictionary<string, TimerState> Timers => state.Slice<StepsSlice>().Timers;

        /// <summary>External events that arrived before the record waited for them, by the sequence they were kept at.</summary>
        public ImmutableSortedDictionary<long, ExternalEventRaised> Inbox => state.Slice<StepsSlice>().Inbox;
        public ImmutableList<RefusedExternalEvent> RefusedEvents => state.Slice<StepsSlice>().RefusedEvents;

        public IEnumerable<long> PendingActivities =>
            state.Activities.Values.Where(a => a.Status == ActivityStatus.Scheduled).Select(a => a.Sequence);

        public bool HasFailedStep => state.Activities.Values.Any(a => a.Status == ActivityStatus.Failed);
    }

    public static void Register<TState>(RecordEvents<TState> events) where TState : RecordState => events
        .On<ActivityScheduled>((s, e, recorded) => s.Update<TState, StepsSlice>(x => x with
        {
            Activities = x.Activities.SetItem(recorded.Sequence, new ActivityState(recorded.Sequence, e, ActivityStatus.Scheduled, null, null, 0)),
        }))
        .On<ActivityCompleted>((s, e, _) => UpdateActivity(s, e.Scheduled, a => a with { Status = ActivityStatus.Completed, Output = e.Output }))
        .On<ActivityFailed>((s, e, _) => UpdateActivity(s, e.Scheduled, a => a with { Status = ActivityStatus.Failed, Error = e.Error, Attempts = e.Attempts }))
        .On<ActivityRetried>((s, e, _) => UpdateActivity(s, e.Scheduled, a => a with { Status = ActivityStatus.Scheduled, Error = null, Retries = a.Retries + 1 }))
        .On<TimerScheduled>((s, e, _) => s.Update<TState, StepsSlice>(x => x with { Timers = x.Timers.SetItem(e.TimerId, new TimerState(e, false)) }))
        .On<TimerFired>((s, e, _) => s.Update<TState, StepsSlice>(x =>
            x.Timers.TryGetValue(e.TimerId, out var t) ? x with { Timers = x.Timers.SetItem(e.TimerId, t with { Fired = true }) } : x))
        .On<ExternalEventRaised>((s, e, recorded) => s.Update<TState, StepsSlice>(x => x with { Inbox = x.Inbox.SetItem(recorded.Sequence, e) }))
        .On<ExternalEventDelivered>((s, e, _) => s.Update<TState, StepsSlice>(x => Deliver(x, e)));

    /// <summary>Marks a step done (or failed) by another feature's event, e.g. a report rendered.</summary>
    public static TState UpdateActivity<TState>(TState state, long sequence, Func<ActivityState, ActivityState> update) where TState : RecordState =>
        state.Update<TState, StepsSlice>(x => x.Activities.TryGetValue(sequence, out var activity)
            ? x with { Activities = x.Activities.SetItem(sequence, update(activity)) }
            : x);

    private static StepsSlice Deliver(StepsSlice x, ExternalEventDelivered delivered)
    {
        if (!x.Inbox.TryGetValue(delivered.Raised, out var raised)) return x;
        var next = x with { Inbox = x.Inbox.Remove(delivered.Raised) };
        return delivered.Refused is { } reason
            ? next with { RefusedEvents = next.RefusedEvents.Add(new RefusedExternalEvent(delivered.Raised, raised.Name, reason)) }
            : next;
    }
}
