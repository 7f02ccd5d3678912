using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Records;

/// <summary>
/// The hash chain that makes a record tamper-evident, pure. Each event row carries the hash of the row before it
/// (<see cref="StoredEvent.PreviousHash"/>) and its own <see cref="StoredEvent.ChainHash"/>: SHA-256 (hex) over that
/// previous hash, a line feed, and the event's canonical form (<see cref="StoredEvent.CanonicalLine"/>, the one the
/// purge's tombstone hashes). The first row, and the first row after rows written before the chain, chain from
/// <see cref="Genesis"/>. Editing a row, deleting one or reordering them breaks the chain at that row; the head hash
/// (the last row's) names the whole record, so a document carrying it says which record it was rendered from.
/// </summary>
public static class RecordChain
{
    /// <summary>What the first chained row follows.</summary>
    public const string Genesis = "";

    public static string Hash(string previousHash, StoredEvent e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\n" + e.CanonicalLine())));

    /// <summary>What a document's metadata says of a record whose row at its sequence predates the chain.</summary>
    public const string Unchained = "unchained";

    /// <summary>
    /// The head hash of the record as it stood at <paramref name="sequence"/> (that row's hash): what a document
    /// rendered from the record up to there carries, or <see cref="Unchained"/> for a row written before the chain.
    /// </summary>
    public static string HeadAt(IReadOnlyList<RecordedEvent> history, long sequence) =>
        history.FirstOrDefault(e => e.Sequence == sequence)?.ChainHash ?? Unchained;

    /// <summary>
    /// The events of one append, chained in order after <paramref name="head"/> (the hash of the last row the command
    /// read, null when that row predates the chain or there is none). The append is conditional on that row being the
    /// last, so a concurrent append cannot fork the chain.
    /// </summary>
    public static IReadOnlyList<NewEvent> Link(string? head, long version, IReadOnlyList<NewEvent> events)
    {
        var previous = head ?? Genesis;
        var linked = new List<NewEvent>(events.Count);
        foreach (var e in events)
        {
            var chained = e with { PreviousHash = previous, ChainHash = null };
            var hash = Hash(previous, chained.AsStored(version + linked.Count + 1));
            linked.Add(chained with { ChainHash = hash });
            previous = hash;
        }
        return linked;
    }

    /// <summary>
    /// Recomputes the chain over the rows as stored (in sequence order, gaps included) and says where it first fails.
    /// <paramref name="recordedVersion"/> is the version the header row says was appended, so rows deleted from the end
    /// show as missing too. Rows before the first hashed one were written before the chain: reported, not failed.
    /// </summary>
    public static ChainVerdict Verify(IReadOnlyList<StoredEvent> rows, long? recordedVersion)
    {
        string? previousHash = null;
        long? chainedFrom = null;
        long expected = 1;
        foreach (var row in rows)
        {
            if (row.Sequence != expected) return Broken(rows, expected, chainedFrom, $"Sequence {expected} is missing: its row was deleted.");
            if (row.ChainHash is null)
            {
                if (chainedFrom is { } from)
                    return Broken(rows, row.Sequence, chainedFrom, $"Sequence {row.Sequence} carries no hash, though the chain began at sequence {from}: its hash was removed.");
            }
            else
            {
                chainedFrom ??= row.Sequence;
                if (Hash(row.PreviousHash ?? Genesis, row) != row.ChainHash)
                    return Broken(rows, row.Sequence, chainedFrom, $"Sequence {row.Sequence} does not match its hash: the row was changed after it was recorded.");
                if (row.PreviousHash != (previousHash ?? Genesis))
                    return Broken(rows, row.Sequence, chainedFrom,
                        $"Sequence {row.Sequence} follows a row whose hash is not the one it was chained to: the row before it was rewritten, or the rows were reordered.");
            }
            previousHash = row.ChainHash;
            expected++;
        }
        if (recordedVersion is { } version && version >= expected)
            return Broken(rows, expected, chainedFrom, $"Sequence {expected} is missing: the record was at version {version}, its last rows were deleted.");
        return new ChainVerdict(true, rows.Count, Head(rows), null, UnchainedFrom(chainedFrom, rows.Count), chainedFrom switch
        {
            null when rows.Count > 0 => "No row carries a hash: the record was written before the chain, so it cannot be verified.",
            > 1 => $"Sequences 1 to {chainedFrom - 1} were recorded before the chain and carry no hash, so they cannot be verified; the chain holds from sequence {chainedFrom}.",
            _ => "Every row matches its hash and follows the row before it.",
        });
    }

    private static ChainVerdict Broken(IReadOnlyList<StoredEvent> rows, long sequence, long? chainedFrom, string reason) =>
        new(false, rows.Count, Head(rows), sequence, UnchainedFrom(chainedFrom, rows.Count), reason);

    private static string? Head(IReadOnlyList<StoredEvent> rows) => rows.Count == 0 ? null : rows[^1].ChainHash;

    /// <summary>The first sequence that carries a hash when rows before it do not; null when every row is chained.</summary>
    private static long? UnchainedFrom(long? chainedFrom, int rows) => chainedFrom switch
    {
        null => rows == 0 ? null : rows + 1,
        1 => null,
        var from => from,
    };
}

/// <summary>
/// What checking a record against its chain found: whether it is intact, how many rows it has, the last row's hash,
/// the first sequence that fails and why; <see cref="UnchainedBefore"/>, when rows predate the chain, the sequence
/// before which nothing can be verified.
/// </summary>
public sealed record ChainVerdict(
    bool Intact,
    int Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? HeadHash,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? FirstBrokenSequence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] long? UnchainedBefore,
    string Reason);
