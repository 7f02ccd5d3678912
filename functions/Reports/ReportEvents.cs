using Opsg.Functions.Cases;

namespace Opsg.Functions.Reports;

/// <summary>A report version written to Blob; also completes the activity that rendered it.</summary>
public sealed record ReportRendered(
    long Scheduled,
    string Kind,
    int Version,
    string BlobName,
    string Sha256,
    string TemplateHash,
    long RenderedFromSequence) : CaseEvent;

/// <summary>SECAS asked for these documents; the case policy schedules one rendering per kind.</summary>
public sealed record ReportsRequested(IReadOnlyList<string> Kinds) : CaseEvent;

public static class ReportSteps
{
    /// <summary>The step that renders one version of one kind of document to Blob.</summary>
    public const string Render = "RenderReport";
}
