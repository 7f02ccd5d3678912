namespace Opsg.Functions.Records;

/// <summary>How many records a process keeps folded for its commands (config <c>Records:CacheCapacity</c>; 0 turns the cache off).</summary>
public sealed record RecordCacheSize(int Records)
{
    public static readonly RecordCacheSize Default = new(256);
}

/// <summary>
/// A record as this process last read or wrote it: its history (the last row's hash is what the next row chains
/// over), its folded state and the ETag of the header row at that state. Trusted only once a point read of the header
/// row shows that ETag still, and appended to only while it does.
/// </summary>
public sealed record CachedRecord<TState>(TState State, IReadOnlyList<RecordedEvent> History, string HeaderETag) where TState : RecordState;

/// <summary>
/// The most recently used records of one kind, folded, per process. Bounded, so memory does not grow with the number
/// of records; an entry is only ever a guess that storage confirms or refutes, so losing one costs a partition read.
/// </summary>
public sealed class RecordCache<TState>(int capacity) where TState : RecordState
{
    private readonly Dictionary<string, LinkedListNode<(string Id, CachedRecord<TState> Record)>> _byId = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Id, CachedRecord<TState> Record)> _recency = new();
    private readonly object _gate = new();

    public CachedRecord<TState>? Find(string id)
    {
        if (capacity <= 0) return null;
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var node)) return null;
            _recency.Remove(node);
            _recency.AddFirst(node);
            return node.Value.Record;
        }
    }

    /// <summary>
    /// Keeps <paramref name="record"/> unless a later version is already kept (two commands of this process finishing
    /// out of order): an older entry would only cost a failed append and a read. What a scan of every record read
    /// (<paramref name="scanned"/>) is kept only while there is room and pushes nothing out: with more records than the
    /// cache holds, a scan that evicted would push each record out before the next scan came back to it, so every scan
    /// would read them all. This way the records held stay held, and a scan reads only the rest.
    /// </summary>
    public void Keep(string id, CachedRecord<TState> record, bool scanned = false)
    {
        if (capacity <= 0) return;
        lock (_gate)
        {
            if (_byId.TryGetValue(id, out var node))
            {
                if (node.Value.Record.State.Version > record.State.Version) return;
                if (scanned)
                {
                    node.Value = (id, record); // a scan refreshes a record, never makes it more recent
                    return;
                }
                _recency.Remove(node);
            }
            else if (scanned && _byId.Count >= capacity) return;
            _byId[id] = scanned ? _recency.AddLast((id, record)) : _recency.AddFirst((id, record));
            if (_byId.Count <= capacity) return;
            var oldest = _recency.Last!;
            _recency.RemoveLast();
            _byId.Remove(oldest.Value.Id);
        }
    }

    public void Forget(string id)
    {
        if (capacity <= 0) return;
        lock (_gate)
        {
            if (!_byId.Remove(id, out var node)) return;
            _recency.Remove(node);
        }
    }
}
