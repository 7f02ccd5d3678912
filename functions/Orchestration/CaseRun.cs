using Opsg.Functions.Steps;
namespace Opsg.Functions.Orchestration;

/// <summary>
/// The orchestration's input: which case, and the retry policy its steps run under. Fixed when the case's
/// orchestration starts (settings read then, not during replay), so every replay decides the same.
/// </summary>
public sealed record CaseRun(string CaseId, string Title, StepRetry Retry);
