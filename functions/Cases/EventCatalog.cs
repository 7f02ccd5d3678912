using System.Text.Json;
using System.Text.Json.Serialization;
using Opsg.Functions.Links;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Panel;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Submissions;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Cases;

/// <summary>
/// The event types a history may hold, by the name stored in each row. Names are part of the
/// stored format: renaming a record needs an alias here, never a rewrite of old rows.
/// </summary>
public static class EventCatalog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Type[] Types =
    [
        typeof(CaseOpened), typeof(CaseTerminated),
        typeof(ReadinessSubmitted), typeof(EvidenceAttached),
        typeof(ReviewOpened), typeof(MeetingRecorded), typeof(CriterionDecided), typeof(RiskDecided), typeof(RiskAdded),
        typeof(ActionRaised), typeof(ActionTargetRevised), typeof(ActionProgressNoted), typeof(PostMeetingNoteAdded), typeof(TagViewRecorded),
        typeof(PanelDecisionRecorded), typeof(MinutesApproved),
        typeof(ActivityScheduled), typeof(ActivityCompleted), typeof(ActivityFailed), typeof(ActivityRetried),
        typeof(TimerScheduled), typeof(TimerFired), typeof(ExternalEventRaised), typeof(ExternalEventDelivered),
        typeof(ReportRendered),
        typeof(ReportsRequested), typeof(LinkIssued), typeof(LinkAccessed), typeof(LinkRevoked),
        typeof(PanelMailingRequested), typeof(PanelMailSent), typeof(ReminderSent),
    ];

    private static readonly Dictionary<string, Type> ByName = Types.ToDictionary(t => t.Name);

    public static string NameOf(CaseEvent e) => e.GetType().Name;

    public static string Serialize(CaseEvent e) => JsonSerializer.Serialize(e, e.GetType(), Json);

    public static CaseEvent Deserialize(string type, string payload) =>
        ByName.TryGetValue(type, out var t)
            ? (CaseEvent)(JsonSerializer.Deserialize(payload, t, Json) ?? throw new InvalidDataException($"Empty {type} payload."))
            : throw new InvalidDataException($"Unknown event type '{type}'.");

    public static RecordedEvent ToRecorded(StoredEvent stored) => new(
        stored.Sequence,
        Deserialize(stored.Type, stored.Payload),
        new Actor(Enum.Parse<Role>(stored.ActorRole), stored.ActorName),
        stored.Time);
}
