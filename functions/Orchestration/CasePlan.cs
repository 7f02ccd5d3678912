using Opsg.Functions.Cases;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// What the orchestration has to do for a case, read off the record at one version: the steps recorded as
/// scheduled and not yet done, the next reminder due, and whether the timeline has run its course. Pure;
/// it travels as the "record changed" event and as every activity's answer, so the orchestrator always works
/// from the record and never from a message's own idea of what happened.
/// </summary>
public sealed record CasePlan(long Version, CaseStage Stage, IReadOnlyList<PlannedStep> Steps, PlannedTimer? NextTimer, bool Finished)
{
    /// <summary>The newer of two plans: versions only grow, and a later version already contains everything an earlier one knew.</summary>
    public CasePlan Newest(CasePlan other) => other.Version > Version ? other : this;
}

/// <summary>A step recorded as scheduled at <paramref name="Sequence"/>; <paramref name="Run"/> counts SECAS's retries of it.</summary>
public sealed record PlannedStep(long Sequence, string Activity, int Run);

public sealed record PlannedTimer(string TimerId, DateTimeOffset DueAt);
