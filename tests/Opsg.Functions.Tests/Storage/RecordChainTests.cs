using Opsg.Functions.Records;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Tests.Storage;

/// <summary>The record's hash chain, pure: chained at append, and recomputed to say which sequence first fails and why.</summary>
public sealed class RecordChainTests
{
    private static readonly DateTimeOffset At = new(2020, 2, 28, 10, 0, 0, TimeSpan.Zero);

    private static NewEvent Event(int n) => new($"Event{n}", $$"""{"n":{{n}}}""", "Secas", "Tim Hall", At.AddMinutes(n), "key", "oid-1");

    /// <summary>Five events appended as two batches (3, then 2), the second chained after the first's head: as stored.</summary>
    private static List<StoredEvent> FiveChained()
    {
        var first = RecordChain.Link(null, 0, [Event(1), Event(2), Event(3)]);
        var second = RecordChain.Link(first[^1].ChainHash, 3, [Event(4), Event(5)]);
        return first.Concat(second).Select((e, i) => e.AsStored(i + 1)).ToList();
    }

    [Fact]
    public void GivenEventsAppendedInTwoBatches_WhenVerified_ThenIntactWithTheLastRowsHashAsHead()
    {
        var rows = FiveChained();

        var verdict = RecordChain.Verify(rows, recordedVersion: 5);

        Assert.True(verdict.Intact, verdict.Reason);
        Assert.Equal((5, rows[^1].ChainHash, (long?)null, (long?)null), (verdict.Events, verdict.HeadHash, verdict.FirstBrokenSequence, verdict.UnchainedBefore));
        Assert.Equal(RecordChain.Genesis, rows[0].PreviousHash);
        Assert.All(rows.Skip(1), (row, i) => Assert.Equal(rows[i].ChainHash, row.PreviousHash));
        Assert.Equal(64, verdict.HeadHash!.Length);
    }

    [Fact]
    public void GivenOneRowsBodyChanged_WhenVerified_ThenThatSequenceFailsItsHash()
    {
        var rows = FiveChained();
        rows[2] = rows[2] with { Payload = """{"n":33}""" };

        var verdict = RecordChain.Verify(rows, 5);

        Assert.False(verdict.Intact);
        Assert.Equal(3, verdict.FirstBrokenSequence);
        Assert.Contains("changed", verdict.Reason);
    }

    [Fact]
    public void GivenARowChangedAndItsHashRecomputed_WhenVerified_ThenTheNextSequenceNoLongerFollowsIt()
    {
        var rows = FiveChained();
        var forged = rows[2] with { Payload = """{"n":33}""" };
        rows[2] = forged with { ChainHash = RecordChain.Hash(forged.PreviousHash!, forged) };

        var verdict = RecordChain.Verify(rows, 5);

        Assert.Equal((false, (long?)4), (verdict.Intact, verdict.FirstBrokenSequence));
        Assert.Contains("rewritten", verdict.Reason);
    }

    [Fact]
    public void GivenAMiddleRowRemoved_WhenVerified_ThenItsSequenceIsMissing()
    {
        var rows = FiveChained();
        rows.RemoveAt(2);

        var verdict = RecordChain.Verify(rows, 5);

        Assert.Equal((false, (long?)3), (verdict.Intact, verdict.FirstBrokenSequence));
        Assert.Contains("Sequence 3 is missing", verdict.Reason);
    }

    [Fact]
    public void GivenTheLastRowRemoved_WhenVerifiedAgainstTheHeadersVersion_ThenItsSequenceIsMissing()
    {
        var rows = FiveChained();
        rows.RemoveAt(4);

        var verdict = RecordChain.Verify(rows, 5);

        Assert.Equal((false, (long?)5), (verdict.Intact, verdict.FirstBrokenSequence));
    }

    [Fact]
    public void GivenTwoRowsContentsSwapped_WhenVerified_ThenTheFirstOfThemFails()
    {
        var rows = FiveChained();
        (rows[1], rows[2]) = (rows[2] with { Sequence = 2 }, rows[1] with { Sequence = 3 });

        var verdict = RecordChain.Verify(rows, 5);

        Assert.Equal((false, (long?)2), (verdict.Intact, verdict.FirstBrokenSequence));
    }

    [Fact]
    public void GivenRowsWrittenBeforeTheChain_WhenVerified_ThenIntactFromTheFirstHashedRowAndSaysSo()
    {
        var legacy = new[] { Event(1), Event(2) }.Select((e, i) => e.AsStored(i + 1));
        var chained = RecordChain.Link(head: null, 2, [Event(3), Event(4)]).Select((e, i) => e.AsStored(i + 3));
        var rows = legacy.Concat(chained).ToList();

        var verdict = RecordChain.Verify(rows, 4);

        Assert.True(verdict.Intact, verdict.Reason);
        Assert.Equal(3, verdict.UnchainedBefore);
        Assert.Contains("Sequences 1 to 2 were recorded before the chain", verdict.Reason);
    }

    [Fact]
    public void GivenNoRowHashed_WhenVerified_ThenNothingIsClaimed()
    {
        var rows = new[] { Event(1), Event(2) }.Select((e, i) => e.AsStored(i + 1)).ToList();

        var verdict = RecordChain.Verify(rows, 2);

        Assert.Equal((true, (string?)null, (long?)3), (verdict.Intact, verdict.HeadHash, verdict.UnchainedBefore));
        Assert.Contains("cannot be verified", verdict.Reason);
    }

    [Fact]
    public void GivenAChainedRowsHashRemoved_WhenVerified_ThenThatSequenceFails()
    {
        var rows = FiveChained();
        rows[3] = rows[3] with { ChainHash = null, PreviousHash = null };

        var verdict = RecordChain.Verify(rows, 5);

        Assert.Equal((false, (long?)4), (verdict.Intact, verdict.FirstBrokenSequence));
    }

    [Fact]
    public void TheChainHashesTheSameCanonicalFormAsThePurgesTombstone()
    {
        var row = FiveChained()[0];

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("\n" + row.CanonicalLine())));

        Assert.Equal(expected, row.ChainHash);
        Assert.Equal(new WholeRecord("c", 1, [row], []).Sha256(),
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(row.CanonicalLine()))));
    }
}
