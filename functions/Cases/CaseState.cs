using System.Collections.Immutable;
using Opsg.Functions.Links;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Panel;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Cases;

/// <summary>
/// Everything known about a case, and nothing else: it is built only by <see cref="CaseFold"/>
/// from the history, so the same history always gives the same state.
/// </summary>
public sealed record CaseState
{
    public static readonly CaseState Empty = new();

    public string CaseId { get; init; } = "";
    public long Version { get; init; }
    public CaseOpened? Opened { get; init; }
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset LastUpdatedTime { get; init; }
    public string? TerminatedReason { get; init; }

    /// <summary>Every version the DCC submitted, oldest first; the last one is current.</summary>
    public ImmutableList<ReadinessSubmitted> Submissions { get; init; } = [];
    public ImmutableList<EvidenceAttached> Evidence { get; init; } = [];

    public ReviewOpened? ReviewOpened { get; init; }
    public MeetingRecorded? Meeting { get; init; }
    public ImmutableSortedDictionary<int, CriterionDecided> CriterionDecisions { get; init; } = ImmutableSortedDictionary<int, CriterionDecided>.Empty;
    public ImmutableSortedDictionary<int, RiskDecided> RiskDecisions { get; init; } = ImmutableSortedDictionary<int, RiskDecided>.Empty;
    public ImmutableList<RiskAdded> AddedRisks { get; init; } = [];
    public ImmutableList<ActionState> Actions { get; init; } = [];
    public ImmutableList<PostMeetingNoteAdded> Notes { get; init; } = [];
    public TagViewRecorded? TagView { get; init; }

    public PanelDecisionRecorded? PanelDecision { get; init; }
    public MinutesApproved? MinutesApproved { get; init; }

    public ImmutableSortedDictionary<long, ActivityState> Activities { get; init; } = ImmutableSortedDictionary<long, ActivityState>.Empty;
    public ImmutableDictionary<string, TimerState> Timers { get; init; } = ImmutableDictionary<string, TimerState>.Empty;
    public ImmutableList<ReportRendered> Reports { get; init; } = [];
    public ImmutableSortedDictionary<string, LinkState> Links { get; init; } = ImmutableSortedDictionary.Create<string, LinkState>(StringComparer.Ordinal);

    /// <summary>External events that arrived before the case waited for them, by the sequence they were kept at.</summary>
    public ImmutableSortedDictionary<long, ExternalEventRaised> Inbox { get; init; } = ImmutableSortedDictionary<long, ExternalEventRaised>.Empty;
    public ImmutableList<RefusedExternalEvent> RefusedEvents { get; init; } = [];

    public bool Exists => Opened is not null;
    public ReadinessSubmitted? Submission => Submissions.IsEmpty ? null : Submissions[^1];
    public bool IsTerminated => TerminatedReason is not null;
}

public enum ActivityStatus { Scheduled, Completed, Failed }

public sealed record ActivityState(long Sequence, ActivityScheduled Scheduled, ActivityStatus Status, string? Output, string? Error, int Attempts)
{
    /// <summary>How often SECAS retried it after it failed; each retry is a new run with its own completion key.</summary>
    public int Retries { get; init; }
}

/// <summary>A kept external event that no longer fitted the case when it was delivered.</summary>
public sealed record RefusedExternalEvent(long Raised, string Name, string Reason);

public sealed record TimerState(TimerScheduled Scheduled, bool Fired);

public sealed record ActionState(
    ActionRaised Raised,
    ImmutableList<ActionTargetRevised> Revisions,
    ImmutableList<ActionProgressNoted> Progress,
    PostMeetingNoteAdded? ClosedBy)
{
    public bool IsOpen => ClosedBy is null;
    public DateOnly? CurrentTarget => Revisions.IsEmpty ? Raised.TargetDate : Revisions[^1].RevisedTarget;
}
