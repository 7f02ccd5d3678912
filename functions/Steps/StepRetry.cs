namespace Opsg.Functions.Steps;

/// <summary>How a failing step is retried before it shows as failed in the case status.</summary>
public sealed record StepRetry(int Attempts, TimeSpan FirstInterval, double BackoffCoefficient);
