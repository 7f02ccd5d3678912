using Opsg.Functions.Storage;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// A case's history rows as the table holds them (every event's sequence, type and payload, and the
/// header's version), taken before a request so the test can assert the request changed nothing.
/// </summary>
public sealed class HistorySnapshot
{
    private readonly OpsgApp _app;
    private readonly string _caseId;
    private readonly long? _version;
    private readonly IReadOnlyList<(long Sequence, string Type, string Payload)> _events;

    private HistorySnapshot(OpsgApp app, string caseId, CaseHistory history)
    {
        _app = app;
        _caseId = caseId;
        _version = history.Header?.Version;
        _events = Rows(history);
    }

    public int Count => _events.Count;

    public static async Task<HistorySnapshot> TakeAsync(OpsgApp app, string caseId) =>
        new(app, caseId, await app.Service<HistoryTable>().ReadAsync(caseId, default));

    public async Task AssertUnchangedAsync()
    {
        var now = await _app.Service<HistoryTable>().ReadAsync(_caseId, default);
        Assert.Equal(_version, now.Header?.Version);
        Assert.Equal(_events, Rows(now));
    }

    /// <summary>The events appended since the snapshot, by type.</summary>
    public async Task<IReadOnlyList<string>> AddedTypesAsync()
    {
        var now = await _app.Service<HistoryTable>().ReadAsync(_caseId, default);
        Assert.Equal(_events, Rows(now).Take(_events.Count));
        return now.Events.Skip(_events.Count).Select(e => e.Type).ToList();
    }

    private static List<(long, string, string)> Rows(CaseHistory history) =>
        history.Events.Select(e => (e.Sequence, e.Type, e.Payload)).ToList();
}
