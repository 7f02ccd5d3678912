using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Tests.Storage;

/// <summary>Which records the cache keeps and which it lets go, a command's against a scan's. Pure.</summary>
public sealed class RecordCacheRecencyTests
{
    [Fact]
    public void GivenAFullCache_WhenACommandKeepsAnotherRecord_ThenTheLeastRecentlyUsedGoes()
    {
        var cache = new RecordCache<CaseState>(2);
        cache.Keep("a", At("a", 1));
        cache.Keep("b", At("b", 1));
        Assert.NotNull(cache.Find("a"));

        cache.Keep("c", At("c", 1));

        Assert.NotNull(cache.Find("a"));
        Assert.Null(cache.Find("b"));
        Assert.NotNull(cache.Find("c"));
    }

    [Fact]
    public void GivenAFullCache_WhenAScanReadsAnotherRecord_ThenNothingHeldGoes_AndTheScannedRecordIsNotKept()
    {
        var cache = new RecordCache<CaseState>(2);
        cache.Keep("a", At("a", 1));
        cache.Keep("b", At("b", 1));

        cache.Keep("c", At("c", 1), scanned: true);

        Assert.NotNull(cache.Find("a"));
        Assert.NotNull(cache.Find("b"));
        Assert.Null(cache.Find("c"));
    }

    [Fact]
    public void GivenRoom_WhenAScanReadsARecord_ThenItIsKept_AsTheFirstToGoWhenACommandNeedsTheRoom()
    {
        var cache = new RecordCache<CaseState>(2);
        cache.Keep("a", At("a", 1));
        cache.Keep("s", At("s", 1), scanned: true);
        Assert.NotNull(cache.Find("s"));
        cache.Keep("a", At("a", 2));

        cache.Keep("b", At("b", 1));

        Assert.Null(cache.Find("s"));
        Assert.Equal(2, cache.Find("a")?.State.Version);
        Assert.NotNull(cache.Find("b"));
    }

    [Fact]
    public void GivenAHeldRecord_WhenAScanReadsANewerVersion_ThenItIsRefreshed_ButAnOlderOneNeverReplacesIt()
    {
        var cache = new RecordCache<CaseState>(2);
        cache.Keep("a", At("a", 3));

        cache.Keep("a", At("a", 2), scanned: true);
        Assert.Equal(3, cache.Find("a")?.State.Version);

        cache.Keep("a", At("a", 4), scanned: true);
        Assert.Equal(4, cache.Find("a")?.State.Version);
    }

    [Fact]
    public void GivenACacheOfNoRecords_ThenNothingIsKept()
    {
        var cache = new RecordCache<CaseState>(0);
        cache.Keep("a", At("a", 1));
        cache.Keep("b", At("b", 1), scanned: true);
        Assert.Null(cache.Find("a"));
        Assert.Null(cache.Find("b"));
    }

    private static CachedRecord<CaseState> At(string id, long version) => new(CaseState.Empty(id) with { Version = version }, [], $"etag-{id}-{version}");
}
