using System.Collections.Immutable;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Reports;

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
