using System.Text.Json;

namespace Opsg.Functions.Records;

/// <summary>
/// The events one kind of record may hold, by the name stored in each row, and how each changes the state. Composed
/// from what each feature registers: adding an event touches its feature, never this class. Names are part of the
/// stored format: a renamed event keeps its old name as an alias, never a rewrite of old rows.
/// </summary>
public sealed class RecordEvents<TState> where TState : RecordState
{
    private readonly Dictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Func<TState, RecordedEvent, TState>> _rules = [];

    /// <summary>Registers <typeparamref name="TEvent"/> under its type name with the rule that folds it.</summary>
    public RecordEvents<TState> On<TEvent>(Func<TState, TEvent, TState> evolve) where TEvent : RecordEvent =>
        On<TEvent>((state, e, _) => evolve(state, e));

    /// <summary>As <see cref="On{TEvent}(Func{TState, TEvent, TState})"/>, for a rule that needs the envelope (the sequence, the time).</summary>
    public RecordEvents<TState> On<TEvent>(Func<TState, TEvent, RecordedEvent, TState> evolve) where TEvent : RecordEvent
    {
        if (!_byName.TryAdd(typeof(TEvent).Name, typeof(TEvent)))
            throw new InvalidOperationException($"The event {typeof(TEvent).Name} is registered twice.");
        _rules[typeof(TEvent)] = (state, recorded) => evolve(state, (TEvent)recorded.Event, recorded);
        return this;
    }

    /// <summary>An event that is kept in the history but changes nothing in the state.</summary>
    public RecordEvents<TState> Kept<TEvent>() where TEvent : RecordEvent => On<TEvent>((state, _) => state);

    public IReadOnlyCollection<Type> Types => _byName.Values;

    public string NameOf(RecordEvent e) => e.GetType().Name;

    public bool Knows(string type) => _byName.ContainsKey(type);

    public string Serialize(RecordEvent e) => JsonSerializer.Serialize(e, e.GetType(), RecordJson.Options);

    public RecordEvent Deserialize(string type, string payload) =>
        _byName.TryGetValue(type, out var t)
            ? (RecordEvent)(JsonSerializer.Deserialize(payload, t, RecordJson.Options) ?? throw new InvalidDataException($"Empty {type} payload."))
            : throw new InvalidDataException($"Unknown event type '{type}'.");

    /// <summary>The state after one more event: its feature's rule, then the envelope's version and times.</summary>
    public TState Evolve(TState state, RecordedEvent recorded)
    {
        if (!_rules.TryGetValue(recorded.Event.GetType(), out var rule))
            throw new InvalidOperationException($"No fold rule for {recorded.Event.GetType().Name}.");
        RecordState next = rule(state, recorded) with { Version = recorded.Sequence, LastUpdatedTime = recorded.Time };
        return (TState)(recorded.Sequence == 1 ? next with { CreatedTime = recorded.Time } : next);
    }
}
