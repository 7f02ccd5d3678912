using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Seed 004's OPSG_25 as SECAS scheduled it in August 2019, and its record folded from any events after that, for the
/// pure tests of what a meeting's commands decide before it is held (moving it, cancelling it).
/// </summary>
internal static class Opsg25History
{
    public static readonly MeetingScheduled Opsg25 = new("OPSG_25", MeetingKind.Ordinary, new DateOnly(2019, 10, 1), "10:00", "17:00", "Gemserv, London", false, Classification.Publishable, new DateOnly(2019, 11, 5));

    /// <summary>When every event of these histories is recorded, and "now" for what the meeting's process sets.</summary>
    public static readonly DateTimeOffset August = new(2019, 8, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The meeting's state after <paramref name="events"/>, each recorded by SECAS in August.</summary>
    public static MeetingState Given(params RecordEvent[] events) =>
        events.Select((e, i) => new RecordedEvent(i + 1, e, new Actor(Role.Secas, "S"), August)).Aggregate(MeetingState.Empty(Opsg25.MeetingId), MeetingRecord.Events.Evolve);
}
