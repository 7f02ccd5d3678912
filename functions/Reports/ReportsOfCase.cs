using System.Collections.Immutable;
using System.Globalization;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Steps;

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

/// <summary>Where a rendered version is written in Blob, and as what.</summary>
public static class ReportBlobs
{
    public const string ContentType = "text/html; charset=utf-8";

    public static string Name(string caseId, string kind, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{caseId}/{kind}/v{version}.html");
}

/// <summary>The documents rendered for a case, every version, in the order they were rendered.</summary>
public sealed record ReportsSlice(ImmutableList<ReportRendered> Rendered) : IRecordSlice<ReportsSlice>
{
    public static ReportsSlice Empty { get; } = new([]);
}

public static class ReportsOfCase
{
    extension(CaseState state)
    {
        public ImmutableList<ReportRendered> Reports => state.Slice<ReportsSlice>().Rendered;
    }

    public static void Register(RecordEvents<CaseState> events) => events
        .On<ReportRendered>((s, e) => RecordSteps.UpdateActivity(s, e.Scheduled, a => a with { Status = ActivityStatus.Completed, Output = e.BlobName })
            .Update<CaseState, ReportsSlice>(x => x with { Rendered = x.Rendered.Add(e) }))
        .Kept<ReportsRequested>(); // the process schedules the renderings
}
