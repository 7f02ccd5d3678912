namespace Opsg.Functions.Orchestration;

/// <summary>The queue message: which case, and the sequence of the ActivityScheduled event to run.</summary>
public sealed record ActivityMessage(string CaseId, long Sequence);
