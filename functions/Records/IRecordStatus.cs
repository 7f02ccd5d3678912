namespace Opsg.Functions.Records;

/// <summary>
/// The record's status as its whole timeline tells it, composed at the top where every feature is known, for a
/// feature's answer that shows it (a submission is answered with the case's status).
/// </summary>
public interface IRecordStatus<in TState> where TState : RecordState
{
    object StatusOf(TState state);
}
