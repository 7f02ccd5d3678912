using Microsoft.DurableTask.Client;
using Opsg.Functions.Cases;
using Opsg.Functions.Panel;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Orchestration;

/// <summary>The instance status in the shape Durable Functions' HTTP API uses, so its clients feel at home.</summary>
public sealed record CaseStatusView(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    string CustomStatus,
    object? Input,
    object? Output,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    long Version,
    IReadOnlyList<ReportLink> Reports,
    IReadOnlyList<FailedStep> FailedSteps,
    IReadOnlyList<PendingEvent> PendingEvents,
    Recommendation? Recommendation,
    IReadOnlyList<HistoryEventView>? HistoryEvents,
    string Stage)
{
    /// <summary>Why the orchestration failed, when it did (the failed step itself is in FailedSteps).</summary>
    public string? OrchestrationFailure { get; init; }

    public const string OrchestrationName = "ReadinessReview";

    /// <summary>
    /// The case as the record and its orchestration tell it: runtimeStatus, times and customStatus from the
    /// orchestration when there is one (a case whose orchestration has not started yet is Pending), the rest
    /// from the record. Without an instance (an answer stored with a command) the record's own view stands in.
    /// </summary>
    public static CaseStatusView From(CaseState s, OrchestrationMetadata? instance, IReadOnlyList<RecordedEvent>? history = null) => From(s, history) with
    {
        RuntimeStatus = instance is null ? Cases.RuntimeStatus.Pending.ToString() : RuntimeStatusOf(instance),
        CustomStatus = instance?.ReadCustomStatusAs<CaseProgressPublished>()?.Stage ?? CaseProcess.Stage(s).ToString(),
        CreatedTime = instance?.CreatedAt ?? s.CreatedTime,
        LastUpdatedTime = instance is null ? s.LastUpdatedTime : Max(instance.LastUpdatedAt, s.LastUpdatedTime),
        // The engine's own message carries the step's exception text: every role reads this, so it says what the
        // record says of the failed step (a category and a reference), or that the detail is in the logs.
        OrchestrationFailure = instance?.RuntimeStatus == OrchestrationRuntimeStatus.Failed || instance?.FailureDetails is not null
            ? s.Activities.Values.LastOrDefault(a => a.Status == ActivityStatus.Failed)?.Error ?? "The workflow stopped unexpectedly; the detail is in the app's logs."
            : null,
    };

    public static CaseStatusView From(CaseState s, IReadOnlyList<RecordedEvent>? history = null) => new(
        OrchestrationName,
        s.CaseId,
        CaseProcess.Runtime(s).ToString(),
        CaseProcess.Stage(s).ToString(),
        s.Opened is { } o ? new { title = o.Title, classification = o.Classification, meetingId = o.MeetingId, meetingDate = o.MeetingDate, catalogue = s.Catalogue.Id } : null,
        CaseProcess.Runtime(s) == Cases.RuntimeStatus.Completed ? new { recommendation = PanelRecommendation.For(s), panelDecision = s.PanelDecision } : null,
        s.CreatedTime,
        s.LastUpdatedTime,
        s.Version,
        s.Reports.Select(r => new ReportLink(r.Kind, r.Version, CaseUrls.Report(s.CaseId, r.Kind, r.Version), r.Sha256, r.RenderedFromSequence)).ToList(),
        s.Activities.Values.Where(a => a.Status == ActivityStatus.Failed)
            .Select(a => new FailedStep(a.Sequence, a.Scheduled.Name, a.Scheduled.ReportKind, a.Error ?? "", a.Attempts, CaseUrls.Rewind(s.CaseId))).ToList(),
        s.Inbox.Select(i => new PendingEvent(i.Key, i.Value.Name)).ToList(),
        s.Submission is null ? null : PanelRecommendation.For(s),
        history is null ? null : HistoryEventView.Of(history, CaseRecord.Events),
        CaseProcess.Stage(s).ToString());

    private static string RuntimeStatusOf(OrchestrationMetadata instance) => instance.RuntimeStatus.ToString();

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}

/// <summary>An external event kept until the case waits for it.</summary>
public sealed record PendingEvent(long Sequence, string Name);

public sealed record ReportLink(string Kind, int Version, string Url, string Sha256, long RenderedFromSequence);

public sealed record FailedStep(long Sequence, string Activity, string? ReportKind, string Error, int Attempts, string RetryPostUri);

/// <summary>The management URIs a started case answers with, as Durable's CreateCheckStatusResponse does.</summary>
public sealed record ManagementUris(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string RewindPostUri,
    string PurgeHistoryDeleteUri)
{
    public static ManagementUris For(string caseId) => new(
        caseId,
        CaseUrls.Status(caseId),
        $"{CaseUrls.Status(caseId)}/raiseEvent/{{eventName}}",
        $"{CaseUrls.Status(caseId)}/terminate?reason={{text}}",
        CaseUrls.Rewind(caseId),
        CaseUrls.Status(caseId));
}

/// <summary>The case's status (<see cref="CaseStatusView"/>) for features below that answer with it.</summary>
public sealed class CaseStatus : IRecordStatus<CaseState>
{
    public object StatusOf(CaseState state) => CaseStatusView.From(state);
}
