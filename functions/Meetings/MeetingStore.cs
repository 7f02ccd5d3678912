using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Meetings;

/// <summary>The meetings' record store: the generic store over the meeting's kind.</summary>
public sealed class MeetingStore(HistoryTable history, RecordKind<MeetingState> kind, RecordCacheSize? cacheSize = null) : RecordStore<MeetingState>(history, kind, cacheSize);

/// <summary>The commands on meetings: the one command pipeline, over the meeting's store and orchestration.</summary>
public sealed class MeetingCommands(MeetingStore store, IWorkflowAlignment<MeetingState> workflow, IdempotencyKeys keys, TimeProvider clock, ILogger<MeetingCommands> logger)
    : RecordCommands<MeetingState>(store, workflow, keys, clock, logger);

/// <summary>The reads of meetings: the one read path (404 for a meeting never created).</summary>
public sealed class MeetingReads(MeetingStore store) : RecordReads<MeetingState>(store, state => state.Exists);
