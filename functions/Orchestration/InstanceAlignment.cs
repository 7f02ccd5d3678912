using Opsg.Functions.Cases;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Orchestration;

/// <summary>What must happen to a case's orchestration instance for it to agree with the case's record.</summary>
public enum InstanceMove
{
    /// <summary>They agree.</summary>
    None,
    /// <summary>The record exists and no instance does: start one; it reads the record first.</summary>
    Start,
    /// <summary>The instance runs behind the record: raise "record changed" with the record's plan.</summary>
    Raise,
    /// <summary>The record was terminated and the instance still runs.</summary>
    Terminate,
    /// <summary>The instance ended (finished, or failed outside any step) but the record asks for more: start it again.</summary>
    Restart,
    /// <summary>The record is gone (purged): the instance goes too, terminated first if it still runs.</summary>
    Purge,
}

/// <summary>What the alignment needs to know of a record; the same from a folded state or from its header row.</summary>
public sealed record RecordFacts(long Version, RuntimeStatus Runtime)
{
    public static RecordFacts Of(CaseState state) => new(state.Version, CaseProcess.Runtime(state));

    public static RecordFacts? Of(CaseHeader header) =>
        Enum.TryParse<RuntimeStatus>(header.RuntimeStatus, out var runtime) ? new RecordFacts(header.Version, runtime) : null;
}

/// <summary>What the alignment needs to know of an instance: its status and the record version it last published.</summary>
public sealed record InstanceFacts(RuntimeStatus Status, long PublishedVersion);

/// <summary>
/// The one rule that brings an orchestration instance in line with its record, pure. Used after every command (with
/// the instance assumed where the record was before it), by rewind and purge, and by the repair timer for every case.
/// A failed step is left alone: it waits for SECAS's rewind, which records the retry first.
/// </summary>
public static class InstanceAlignment
{
    public static InstanceMove Decide(RecordFacts? record, InstanceFacts? instance)
    {
        if (record is null) return instance is null ? InstanceMove.None : InstanceMove.Purge;
        var running = instance?.Status is RuntimeStatus.Running or RuntimeStatus.Pending;
        if (record.Runtime == RuntimeStatus.Terminated) return running ? InstanceMove.Terminate : InstanceMove.None;
        if (instance is null) return InstanceMove.Start;
        return instance.Status switch
        {
            RuntimeStatus.Running when instance.PublishedVersion < record.Version => InstanceMove.Raise,
            RuntimeStatus.Completed when record.Runtime != RuntimeStatus.Completed => InstanceMove.Restart,
            RuntimeStatus.Failed when record.Runtime != RuntimeStatus.Failed => InstanceMove.Restart,
            _ => InstanceMove.None,
        };
    }

    /// <summary>
    /// Where a command may assume the instance stands without asking the engine: nowhere yet for a new case, otherwise
    /// running at the version before the command (a wrong guess costs one ignored event; the repair timer reads the truth).
    /// </summary>
    public static InstanceFacts? AssumedBefore(long recordedFrom) =>
        recordedFrom == 1 ? null : new InstanceFacts(RuntimeStatus.Running, recordedFrom - 1);
}
