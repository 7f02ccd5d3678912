using System.Collections.Immutable;

namespace Opsg.Functions.Records;

/// <summary>
/// A part of a record's state that one feature owns (the submissions, the review, the links …). The feature folds its
/// own events into it and reads it through extension members, so the record itself names no feature.
/// </summary>
public interface IRecordSlice<TSelf> where TSelf : class, IRecordSlice<TSelf>
{
    /// <summary>The slice before any of its events.</summary>
    static abstract TSelf Empty { get; }
}

/// <summary>
/// What every kind of record knows about itself: its id, the version (sequence) it was folded to, when it was created
/// and last changed, and the features' slices. Built only by folding the history, so the same history always gives
/// the same state.
/// </summary>
public abstract record RecordState
{
    public string Id { get; init; } = "";
    public long Version { get; init; }
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset LastUpdatedTime { get; init; }

    private ImmutableDictionary<Type, object> Slices { get; init; } = ImmutableDictionary<Type, object>.Empty;

    /// <summary>The feature's slice, or its empty value while none of its events happened.</summary>
    public TSlice Slice<TSlice>() where TSlice : class, IRecordSlice<TSlice> =>
        Slices.TryGetValue(typeof(TSlice), out var slice) ? (TSlice)slice : TSlice.Empty;

    /// <summary>This state with the feature's slice replaced; the runtime type (a case, a meeting) is kept.</summary>
    public RecordState WithSlice<TSlice>(TSlice slice) where TSlice : class, IRecordSlice<TSlice> =>
        this with { Slices = Slices.SetItem(typeof(TSlice), slice) };
}

public static class RecordStateSlices
{
    /// <summary>Replaces one slice by what <paramref name="change"/> makes of it.</summary>
    public static TState Update<TState, TSlice>(this TState state, Func<TSlice, TSlice> change)
        where TState : RecordState
        where TSlice : class, IRecordSlice<TSlice> =>
        (TState)state.WithSlice(change(state.Slice<TSlice>()));
}
