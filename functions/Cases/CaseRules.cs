using Opsg.Functions.Records;

namespace Opsg.Functions.Cases;

/// <summary>Preconditions most commands share, phrased once so every refusal reads the same.</summary>
public static class CaseRules
{
    public static Rejection NotFound(string caseId) => new(404, "No such case.", $"There is no case '{caseId}'.");

    /// <summary>The case exists and has not been terminated.</summary>
    public static Rejection? Live(CaseState state) =>
        !state.Exists ? NotFound(state.CaseId)
        : state.IsTerminated ? Rejection.OutOfOrder("The case was terminated; nothing more can be recorded.")
        : null;
}
