using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Storage;

/// <summary>
/// What the record cache holds after a real review (the rows it wrote, deserialized and folded onto the state it
/// decided on) is what a fresh read of the table gives: the same history, row by row, and the same state, slice by slice.
/// </summary>
public sealed class RecordCacheAppTests(RecordCacheAppTests.App fixture) : IClassFixture<RecordCacheAppTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task GivenAReviewRecordedThroughTheCache_WhenReadAsCachedAndFromTheTable_ThenBothGiveTheSameHistoryAndState()
    {
        var secas = _app.ClientAs("Secas");
        var caseId = await ReviewRecording.OpenAndSubmitAsync(secas, _app.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(secas, _app.ClientAs("Tag"), caseId);
        await ReviewRecording.AddNoteAsync(secas, caseId, ReviewRecording.Lsc2Discharged);

        var cached = (await _app.Service<CaseStore>().FindAsync(caseId, default))!.Value;
        var fresh = (await new CaseStore(_app.Service<HistoryTable>(), CaseRecord.Kind, new RecordCacheSize(0)).FindAsync(caseId, default))!.Value;

        Assert.Equal(fresh.History.Select(Row), cached.History.Select(Row));
        Assert.Equal(Slices(fresh.State), Slices(cached.State));
    }

    private static string Row(RecordedEvent e) =>
        $"{e.Sequence} {e.Event.GetType().Name} {e.Actor} {e.Time:O} {e.ChainHash} {JsonSerializer.Serialize(e.Event, e.Event.GetType(), RecordJson.Options)}";

    /// <summary>The state's own members and each feature's slice as JSON (the slices are private to the state).</summary>
    private static IReadOnlyList<string> Slices(RecordState state)
    {
        var slices = (ImmutableDictionary<Type, object>)typeof(RecordState).GetProperty("Slices", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(state)!;
        return [JsonSerializer.Serialize(state, state.GetType(), RecordJson.Options),
            .. slices.OrderBy(s => s.Key.FullName, StringComparer.Ordinal).Select(s => $"{s.Key.Name}: {JsonSerializer.Serialize(s.Value, s.Value.GetType(), RecordJson.Options)}")];
    }
}
