namespace Opsg.Functions.Records;

/// <summary>One event of a record's history as a reader sees it (<c>?showHistory=true</c>): what, when, who, and its payload.</summary>
public sealed record HistoryEventView(long Sequence, string EventType, DateTimeOffset Timestamp, string ActorRole, string ActorName, string? ActorId, object Payload)
{
    public static IReadOnlyList<HistoryEventView> Of<TState>(IEnumerable<RecordedEvent> history, RecordEvents<TState> events) where TState : RecordState =>
        history.Select(e => new HistoryEventView(e.Sequence, events.NameOf(e.Event), e.Time, e.Actor.Role.ToString(), e.Actor.Name, e.Actor.Id, e.Event)).ToList();
}
