using Opsg.Functions.Records;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Cases;

/// <summary>The readiness cases' record store: the generic store over the case's kind, composed with its features.</summary>
public sealed class CaseStore(HistoryTable history, RecordKind<CaseState> kind, RecordCacheSize? cacheSize = null) : RecordStore<CaseState>(history, kind, cacheSize);
