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
