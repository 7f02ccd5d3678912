using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Cases;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Storage;

/// <summary>
/// The record cache (a folded state used only while a point read shows its header row's ETag, and appended to only
/// at that ETag) against the table it stands for: two service providers on one storage are two processes, each with a
/// cache of its own. Whatever the other process writes, whatever answer was lost, whatever was purged, a command is
/// decided on what the table holds, and a race is answered as without the cache.
/// </summary>
public sealed class RecordCacheTests() : TwoProcesses("rc")
{
    private static readonly Actor Secas = new(Role.Secas, "secas", "secas-id");
    private static readonly CommandResponse Ok = new(200, null, "{}");

    private CaseStore One => ProcessOne.GetRequiredService<CaseStore>();
    private CaseStore Two => ProcessTwo.GetRequiredService<CaseStore>();

    [Fact]
    public async Task GivenAnotherProcessAppendsBetweenTwoCommands_WhenTheFirstCommandsAgain_ThenItDecidesOnTheFreshState_No409_NothingLost()
    {
        var id = await OpenAsync(One);
        Assert.Null((await NoteAsync(One, id, "first")).Rejection);
        Assert.Null((await NoteAsync(Two, id, "other process")).Rejection);

        long? decidedAt = null;
        var third = await One.ExecuteAsync(id, Context(), RecordCommand<CaseState>.Deciding(s => { decidedAt = s.Version; return Decision.Accept(new TimerFired("third")); }, _ => Ok), default);

        Assert.Null(third.Rejection);
        Assert.Equal(3, decidedAt);
        Assert.Equal(4, third.State!.Version);
        Assert.Equal(["", "first", "other process", "third"], await TimersAsync(id));
        Assert.True((await One.VerifyAsync(id, default))!.Intact);
    }

    [Fact]
    public async Task GivenAnotherProcessAppendsWhileACachedCommandIsBeingDecided_ThenItLostARace_409AsWithoutTheCache()
    {
        var id = await OpenAsync(One);
        Assert.Null((await NoteAsync(One, id, "cached")).Rejection);
        var rivalled = false;

        var result = await One.ExecuteAsync(id, Context(), RecordCommand<CaseState>.Deciding(_ =>
        {
            if (!rivalled)
            {
                rivalled = true;
                Assert.Null(NoteAsync(Two, id, "rival").GetAwaiter().GetResult().Rejection);
            }
            return Decision.Accept(new TimerFired("mine"));
        }, _ => Ok), default);

        Assert.Equal(409, result.Rejection?.Status);
        Assert.Equal(["", "cached", "rival"], await TimersAsync(id));
    }

    [Fact]
    public async Task GivenAnotherProcessAppended_WhenIfMatchNamesTheVersionThisProcessLastSaw_Then412AsWithoutTheCache()
    {
        var id = await OpenAsync(One);
        Assert.Null((await NoteAsync(One, id, "first")).Rejection);
        Assert.Null((await NoteAsync(Two, id, "other process")).Rejection);

        var stale = await One.ExecuteAsync(id, Context() with { ExpectedVersion = 2 }, Timer("late"), default);

        Assert.Equal(412, stale.Rejection?.Status);
        Assert.Equal(["", "first", "other process"], await TimersAsync(id));
    }

    [Fact]
    public async Task GivenAnAppendWhoseAnswerWasLost_WhenTheRequestIsSentAgainToEitherProcess_ThenItIsAnsweredAsAReplay_AndRecordedOnce()
    {
        var id = await OpenAsync(One);
        Assert.Null((await NoteAsync(One, id, "cached here")).Rejection);
        // Recorded by the other process, whose answer never reached the client: this process's cache knows nothing of it.
        Assert.Null((await NoteAsync(Two, id, "lost answer", key: "k-lost")).Rejection);

        var again = await NoteAsync(One, id, "lost answer", key: "k-lost");
        var onceMore = await NoteAsync(Two, id, "lost answer", key: "k-lost");
        var otherRequest = await NoteAsync(One, id, "something else", key: "k-lost");

        Assert.True(again.Replayed);
        Assert.True(onceMore.Replayed);
        Assert.Equal(422, otherRequest.Rejection?.Status);
        Assert.Equal(["", "cached here", "lost answer"], await TimersAsync(id));
        Assert.Null((await NoteAsync(One, id, "after")).Rejection);
        Assert.True((await One.VerifyAsync(id, default))!.Intact);
    }

    [Fact]
    public async Task GivenThisProcessesAppendWhoseAnswerWasLost_WhenTheRequestIsSentAgain_ThenItIsAReplay_AndTheRecordGoesOn()
    {
        var (proxy, viaProxy) = await TableProxy.StartAsync(await Azurite.Shared);
        await using var _ = proxy;
        await using var process = StorageOnly.For(viaProxy, Prefix);
        var store = process.GetRequiredService<CaseStore>();
        var id = await OpenAsync(store);
        Assert.Null((await NoteAsync(store, id, "cached here")).Rejection);
        var marker = "lost-" + Guid.NewGuid().ToString("N");

        proxy.Losing = (TableProxy.Fault.AnswerLost, marker);
        await Assert.ThrowsAsync<StorageOutcomeUnknownException>(() => NoteAsync(store, id, marker, key: "k-" + marker));
        proxy.Losing = (TableProxy.Fault.None, "");
        var again = await NoteAsync(store, id, marker, key: "k-" + marker);
        var next = await NoteAsync(store, id, "next");

        Assert.True(proxy.AnsweredButLost > 0, "the proxy never lost the append's answer");
        Assert.True(again.Replayed);
        Assert.Null(next.Rejection);
        Assert.Equal(["", "cached here", marker, "next"], await TimersAsync(id));
        Assert.True((await One.VerifyAsync(id, default))!.Intact);
    }

    [Fact]
    public async Task GivenAnAppend_ThenItsAnswerCarriesTheHeadersETag_AndAnAppendConditionedOnAnOlderETagFailsWhole()
    {
        var id = await OpenAsync(One);
        var history = ProcessOne.GetRequiredService<HistoryTable>();
        var read = await history.ReadAsync(id, default);
        Assert.NotNull(read.HeaderETag);
        Assert.Null((await NoteAsync(Two, id, "moved on")).Rejection);
        var now = await history.ReadAsync(id, default);
        Assert.NotEqual(read.HeaderETag, now.HeaderETag);

        var header = now.Header! with { Version = 3 };
        var newEvent = new NewEvent("TimerFired", "{\"timerId\":\"x\"}", "Secas", "secas", DateTimeOffset.UtcNow, null);
        var stale = await history.AppendAsync(new AppendRequest(id, 2, [newEvent], header, null, HeaderETag: read.HeaderETag), default);
        var current = await history.AppendAsync(new AppendRequest(id, 2, [newEvent], header, null, HeaderETag: now.HeaderETag), default);

        Assert.Equal(AppendOutcome.VersionConflict, stale.Outcome);
        Assert.Equal(AppendOutcome.Appended, current.Outcome);
        Assert.Equal((await history.ReadAsync(id, default)).HeaderETag, current.HeaderETag);
    }

    [Fact]
    public async Task GivenARequestRecordedHere_WhenSentAgainAndTheCachedStateWouldRefuseIt_ThenItIsAReplayNotARefusal()
    {
        var id = "case-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Null((await OpenAsync(One, id, key: "k-open")).Rejection);

        var again = await OpenAsync(One, id, key: "k-open");

        Assert.True(again.Replayed);
        Assert.Equal(1, (await One.LoadAsync(id, default)).Version);
    }

    [Fact]
    public async Task GivenACachedRecordPurgedByAnotherProcess_WhenCommandedAndReopened_ThenNothingIsServedFromTheCache()
    {
        var id = await OpenAsync(One);
        Assert.Null((await NoteAsync(One, id, "before the purge")).Rejection);
        var history = ProcessTwo.GetRequiredService<HistoryTable>();
        Assert.True(await history.DeleteAsReadAsync((await history.ReadWholeAsync(id, default))!, default));

        var afterPurge = await One.ExecuteAsync(id, Context(), OnlyIfOpen("after the purge"), default);
        var reopened = await OpenAsync(One, id);
        var noted = await One.ExecuteAsync(id, Context(), OnlyIfOpen("after reopening"), default);

        Assert.Equal(404, afterPurge.Rejection?.Status);
        Assert.Null(reopened.Rejection);
        Assert.Null(noted.Rejection);
        Assert.Equal(["", "after reopening"], await TimersAsync(id));
        Assert.True((await One.VerifyAsync(id, default))!.Intact);
    }

    [Fact]
    public async Task GivenAMeeting_WhenAnotherProcessAppendsBetweenTwoCommands_ThenTheFirstDecidesOnTheFreshState()
    {
        var meetings = (One: ProcessOne.GetRequiredService<MeetingStore>(), Two: ProcessTwo.GetRequiredService<MeetingStore>());
        var id = "OPSG_" + Guid.NewGuid().ToString("N")[..8];
        var timer = (string name) => RecordCommand<MeetingState>.Deciding(_ => Decision.Accept(new TimerFired(name)), _ => Ok);
        Assert.Null((await meetings.One.ExecuteAsync(id, Context(), timer("a"), default)).Rejection);
        Assert.Null((await meetings.Two.ExecuteAsync(id, Context(), timer("b"), default)).Rejection);

        var third = await meetings.One.ExecuteAsync(id, Context(), timer("c"), default);

        Assert.Null(third.Rejection);
        Assert.Equal(3, third.State!.Version);
    }

    [Fact]
    public async Task GivenMoreCasesThanTheCacheHolds_WhenEveryCaseIsListedTwice_ThenTheSecondListServesAsManyAsItHoldsFromMemory()
    {
        const int capacity = 2;
        // More cases than the cache holds and the eight the scan reads at once, so an evicting cache would have pushed
        // out what it held before the second scan came back to it.
        for (var i = 0; i < capacity + 10; i++) await OpenAsync(One);
        var store = new CaseStore(ProcessOne.GetRequiredService<HistoryTable>(), CaseRecord.Kind, new RecordCacheSize(capacity));

        var first = await store.LoadAllAsync(default);
        var second = await store.LoadAllAsync(default);

        // A state served from memory is the very object the first scan folded; one read again is a new one.
        Assert.Equal(first.Select(s => s.Id), second.Select(s => s.Id));
        Assert.Equal(capacity, first.Zip(second).Count(pair => ReferenceEquals(pair.First, pair.Second)));
    }

    private static CommandContext Context(string? key = null, string? request = null) =>
        new(Secas, DateTimeOffset.UtcNow, Idempotency: new IdempotencyRequest(key ?? Guid.NewGuid().ToString("N"), request ?? Guid.NewGuid().ToString("N")));

    private static RecordCommand<CaseState> Timer(string name) => RecordCommand<CaseState>.Deciding(_ => Decision.Accept(new TimerFired(name)), _ => Ok);

    private static RecordCommand<CaseState> OnlyIfOpen(string name) =>
        RecordCommand<CaseState>.Deciding(s => s.Exists ? Decision.Accept(new TimerFired(name)) : new Rejection(404, "No such case.", "Gone."), _ => Ok);

    private static Task<CommandResult<CaseState>> NoteAsync(CaseStore store, string id, string name, string? key = null) =>
        store.ExecuteAsync(id, key is null ? Context() : Context(key, "note:" + name), Timer(name), default);

    private static async Task<string> OpenAsync(CaseStore store)
    {
        var id = "case-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Null((await OpenAsync(store, id)).Rejection);
        return id;
    }

    private static Task<CommandResult<CaseState>> OpenAsync(CaseStore store, string id, string? key = null) =>
        store.ExecuteAsync(id, key is null ? Context() : Context(key, "open"),
            RecordCommand<CaseState>.Deciding(s => OpenCase.Decide(s, new CaseOpened("Cached", Classification.Publishable, "OPSG_1", null)), _ => Ok), default);

    /// <summary>The case's events as the table holds them: the opening as "", each timer by its name.</summary>
    private async Task<IReadOnlyList<string>> TimersAsync(string id) =>
        (await ProcessTwo.GetRequiredService<CaseStore>().LoadHistoryAsync(id, default)).Select(e => e.Event is TimerFired t ? t.TimerId : "").ToList();
}
