using Opsg.Functions.Links;
using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Orchestration;

/// <summary>
/// The meeting as a kind of record: its events and each feature's (the steps it schedules, the links to its final
/// minutes), and its process. Composed here, where every feature of a meeting is known, as a case is in <see cref="CaseRecord"/>.
/// </summary>
public static class MeetingRecord
{
    /// <summary>The row key of a meeting's summary row; a case's is "header", so listing one kind never meets the other.</summary>
    public const string HeaderRowKey = "meeting";

    public static readonly RecordEvents<MeetingState> Events = Compose();

    public static readonly RecordKind<MeetingState> Kind = new("meeting", MeetingState.Empty, Events, new MeetingProcess(), HeaderRowKey);

    private static RecordEvents<MeetingState> Compose()
    {
        var events = new RecordEvents<MeetingState>();
        MeetingState.Register(events);
        RecordSteps.Register(events);
        LinksOfMeeting.Register(events);
        return events;
    }
}
