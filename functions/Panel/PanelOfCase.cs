using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Panel;

public enum PanelOutcome { Approved, ApprovedWithConditions, Rejected, Deferred }

public sealed record PanelDecisionRecorded(PanelOutcome Outcome, DateOnly On, string? Note) : CaseEvent;

/// <summary>The SEC Panel's part of a case: its decision on the consolidated report.</summary>
public sealed record PanelSlice(PanelDecisionRecorded? Decision) : IRecordSlice<PanelSlice>
{
    public static PanelSlice Empty { get; } = new(Decision: null);
}

public static class PanelOfCase
{
    extension(CaseState state)
    {
        public PanelDecisionRecorded? PanelDecision => state.Slice<PanelSlice>().Decision;
    }

    public static void Register(RecordEvents<CaseState> events) => events
        .On<PanelDecisionRecorded>((s, e) => s.Update<CaseState, PanelSlice>(x => x with { Decision = e }));
}
