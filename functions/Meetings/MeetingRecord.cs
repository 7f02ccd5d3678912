using Opsg.Functions.Records;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Meetings;

/// <summary>The meeting as a kind of record: its events, the steps it schedules, and its process.</summary>
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
        return events;
    }
}
