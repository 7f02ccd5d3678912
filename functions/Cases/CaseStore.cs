using Opsg.Functions.Records;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Cases;

/// <summary>The readiness cases' record store: the generic store over the case's kind, composed with its features.</summary>
public sealed class CaseStore(HistoryTable history, RecordKind<CaseState> kind, RecordCacheSize? cacheSize = null) : RecordStore<CaseState>(history, kind, cacheSize);

/// <summary>Commands against a case, as <see cref="RecordCommand{TState}"/> builds them.</summary>
public static class CaseCommand
{
    public static RecordCommand<CaseState> Deciding(Func<CaseState, Decision> decide, Func<CaseState, CommandResponse> respond) =>
        RecordCommand<CaseState>.Deciding(decide, respond);

    public static RecordCommand<CaseState> Deciding(Func<CaseState, Decision> decide, Func<CaseState, RecordSummary, CommandResponse> respond) =>
        RecordCommand<CaseState>.Deciding(decide, respond);

    public static RecordCommand<CaseState> Reserving<T>(
        Func<CaseState, Rejection?> check,
        Func<CaseState, CancellationToken, Task<T>> reserve,
        Func<CaseState, T, Decision> decide,
        Func<CaseState, RecordSummary, CommandResponse> respond) =>
        RecordCommand<CaseState>.Reserving(check, reserve, decide, respond);

    public static RecordCommand<CaseState> Reserving<T>(
        Func<CaseState, Rejection?> check,
        Func<CaseState, CancellationToken, Task<T>> reserve,
        Func<CaseState, T, Decision> decide,
        Func<CaseState, CommandResponse> respond) =>
        RecordCommand<CaseState>.Reserving(check, reserve, decide, respond);
}
