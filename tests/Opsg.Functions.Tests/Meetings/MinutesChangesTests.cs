using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>What changed between two versions of the minutes, from the meeting as each rendered it; pure.</summary>
public sealed class MinutesChangesTests
{
    private static MeetingState With(MeetingState state, RecordEvent e) =>
        MeetingRecord.Events.Evolve(state, new RecordedEvent(state.Version + 1, e, new Actor(Role.Secas, "S"), DateTimeOffset.UnixEpoch));

    [Fact]
    public void ANoteAnItemAndTheApprovalAreEachNamed_AndNothingElse()
    {
        var before = Seed004History.State();
        var after = With(With(With(before,
            new MeetingNoteAdded(5, null, new DateOnly(2019, 10, 3), "The metric will be in the November update.")),
            new AgendaItemAdded(21, "Date of next meeting", null, [], null)),
            new MinutesMadeFinal("OPSG_26", new DateOnly(2019, 11, 5), null));
        Assert.Equal(
            ["Minutes approved as final at OPSG_26 on 5 November 2019.", "Item 5: post-meeting note added (3 October 2019).", "Item 21 (Date of next meeting) added."],
            MinutesChanges.Between(before, after).Select(c => c.Text));
        Assert.Empty(MinutesChanges.Between(after, after));
    }
}
