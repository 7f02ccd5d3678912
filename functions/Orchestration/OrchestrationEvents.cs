using Opsg.Functions.Cases;

namespace Opsg.Functions.Orchestration;

public static class ActivityNames
{
    public const string RenderReport = "RenderReport";
    public const string SendReminder = "SendReminder";

    /// <summary>A reminder recorded before reminders were emailed; its step completes without sending anything.</summary>
    public const string Notify = "Notify";
    public const string SendPanelLinks = "SendPanelLinks";
}

/// <summary>
/// Work the engine will do outside the fold (I/O). Its sequence in the history is its identity:
/// outputs are named from case + sequence, so running it twice writes the same thing twice. A reminder's step
/// names its reminder (the timer that fired) and says in <paramref name="Message"/> what it is about.
/// </summary>
public sealed record ActivityScheduled(string Name, string? ReportKind, int? ReportVersion, string? Message, string? Reminder = null) : CaseEvent;

public sealed record ActivityCompleted(long Scheduled, string? Output) : CaseEvent;

/// <summary>The activity failed on its last attempt; the case shows it until SECAS retries it.</summary>
public sealed record ActivityFailed(long Scheduled, string Error, int Attempts) : CaseEvent;

public sealed record ActivityRetried(long Scheduled) : CaseEvent;

public sealed record TimerScheduled(string TimerId, DateTimeOffset DueAt, string Purpose, string? Ref) : CaseEvent;

public sealed record TimerFired(string TimerId) : CaseEvent;
