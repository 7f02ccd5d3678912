using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Opsg.Functions.Storage;

/// <summary>
/// What belongs to a meeting rather than to one case: the counter behind action IDs. Every case reviewed
/// at a meeting numbers its actions from the same counter (one row per meeting), so two cases never
/// both get "OPSG 29xxx/01". A number is taken by an optimistic write (insert the row, or replace it
/// at the ETag just read; on a clash read again and retry): two callers never get the same number.
/// A number taken for a command that is then not recorded (a crash, a lost race) stays unused: the
/// sequence may have gaps, never repeats.
/// </summary>
public sealed class MeetingTable(StorageAccount account)
{
    private const string ActionCounterRowKey = "actions";
    private const string LastActionNumber = "LastActionNumber";
    private const string MeetingIdProperty = "MeetingId";
    // Each round has a winner, so this bounds a burst of that many callers on one meeting at once.
    private const int MaxAttempts = 100;

    /// <summary>The next action number of the meeting (1 for its first), never handed out before.</summary>
    public async Task<int> ReserveActionNumberAsync(string meetingId, CancellationToken cancellationToken)
    {
        var partition = PartitionKey(meetingId);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var found = await account.CallAsync(ct => account.Meetings.GetEntityIfExistsAsync<TableEntity>(partition, ActionCounterRowKey, cancellationToken: ct), cancellationToken);
            int next;
            Func<CancellationToken, Task<Response>> write;
            if (found.HasValue && found.Value is { } counter)
            {
                next = (counter.GetInt32(LastActionNumber) ?? 0) + 1;
                counter[LastActionNumber] = next;
                write = ct => account.Meetings.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Replace, ct); // 412 unless still at the ETag just read
            }
            else
            {
                next = 1;
                var first = new TableEntity(partition, ActionCounterRowKey) { [MeetingIdProperty] = meetingId, [LastActionNumber] = next };
                write = ct => account.Meetings.AddEntityAsync(first, ct); // 409 if another caller created it first
            }
            try
            {
                await account.CallAsync(write, cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when (ex.IsConflict())
            {
                // Someone else took a number since the read: read again, after a short, jittered pause.
                await Task.Delay(Random.Shared.Next(2, 10 + 5 * Math.Min(attempt, 10)), cancellationToken);
            }
        }
        throw new StorageUnavailableException($"No action number could be reserved for meeting '{meetingId}' after {MaxAttempts} attempts.", new TimeoutException());
    }

    /// <summary>
    /// The meeting's row partition: its id upper-cased (action IDs compare case-insensitively, so
    /// "OPSG_29xxx" and "opsg_29XXX" are one meeting), letters, digits and underscores kept, anything
    /// else written as "-" and four hex digits, so no character Table keys forbid (/ \ # ? controls) can
    /// appear. A case without a meeting id numbers from the shared "(none)" row.
    /// </summary>
    internal static string PartitionKey(string meetingId)
    {
        if (meetingId.Length == 0) return "(none)";
        var key = new StringBuilder(meetingId.Length);
        foreach (var c in meetingId.ToUpperInvariant())
        {
            if (c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_') key.Append(c);
            else key.Append('-').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }
        return key.ToString();
    }
}
