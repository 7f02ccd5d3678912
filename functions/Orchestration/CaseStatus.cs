using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Orchestration;

/// <summary>The case's status (<see cref="CaseStatusView"/>) for features below that answer with it.</summary>
public sealed class CaseStatus : IRecordStatus<CaseState>
{
    public object StatusOf(CaseState state) => CaseStatusView.From(state);
}
