using System.Diagnostics;

namespace Opsg.Functions.Records;

/// <summary>
/// The engine's traces, named "Opsg.Engine": one span per history append and one per activity run,
/// tagged with case and sequence so "appended → activity started" can be read off any tracer
/// (OpenTelemetry, Application Insights, or the benchmark harness's own listener).
/// </summary>
public static class EngineTelemetry
{
    public const string SourceName = "Opsg.Engine";
    public const string AppendSpan = "case.append";
    public const string ActivitySpan = "activity.run";

    public const string CaseIdTag = "opsg.case_id";
    public const string FirstSequenceTag = "opsg.sequence.first";
    public const string LastSequenceTag = "opsg.sequence.last";
    public const string SequenceTag = "opsg.activity.sequence";
    public const string ActivityNameTag = "opsg.activity.name";
    public const string AttemptTag = "opsg.activity.attempt";
    public const string OutcomeTag = "opsg.outcome";

    public static readonly ActivitySource Source = new(SourceName);
}
