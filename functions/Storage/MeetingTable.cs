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
/// A number taken for a command that then fails (a crash, a stale If-Match) stays unused: the sequence
/// may have gaps, never repeats. A request sent with an Idempotency-Key reserves once, in a row of its
/// own beside the counter, so its copies share that one number.
/// </summary>
public sealed class MeetingTable(StorageAccount account)
{
    private const string ActionCounterRowKey = "actions";
    private const string LastActionNumber = "LastActionNumber";
    private const string MeetingIdProperty = "MeetingId";
    private const string ReservationPrefix = "reserved-";
    private const string ReservedNumber = "Number";
    private const string ReservingCase = "CaseId";
    // Each round has a winner, so this bounds a burst of that many callers on one meeting at once.
    private const int MaxAttempts = 100;

    /// <summary>
    /// The next action number of the meeting (1 for its first), never handed out before. With a
    /// <paramref name="reservationKey"/> (one request, however often it is sent: the case and its
    /// Idempotency-Key) the number is written beside the counter in the same transaction, so every copy
    /// of that request gets the same number, however many run at once, and only one is taken.
    /// </summary>
    public async Task<int> ReserveActionNumberAsync(string meetingId, string caseId, string? reservationKey, CancellationToken cancellationToken)
    {
        var partition = PartitionKey(meetingId);
        var reservationRow = reservationKey is null ? null : ReservationPrefix + reservationKey;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (reservationRow is not null && await ReadAsync(partition, reservationRow, cancellationToken) is { } reserved)
                return reserved.GetInt32(ReservedNumber) ?? throw new InvalidOperationException($"Reservation '{reservationRow}' has no number.");

            var counter = await ReadAsync(partition, ActionCounterRowKey, cancellationToken);
            var next = (counter?.GetInt32(LastActionNumber) ?? 0) + 1;
            var batch = new List<TableTransactionAction>(2);
            if (counter is not null)
            {
                counter[LastActionNumber] = next;
                batch.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, counter, counter.ETag)); // 412 unless still at the ETag just read
            }
            else
            {
                batch.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, ActionCounterRowKey) { [MeetingIdProperty] = meetingId, [LastActionNumber] = next })); // 409 if another caller created it first
            }
            if (reservationRow is not null)
                batch.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, reservationRow) { [ReservedNumber] = next, [ReservingCase] = caseId })); // 409 if a copy of this request reserved first
            try
            {
                await account.CallAsync(ct => account.Meetings.SubmitTransactionAsync(batch, ct), cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when (ex.IsConflict())
            {
                // Someone else took a number (or a copy of this request reserved) since the read: read again, after a short, jittered pause.
                await Task.Delay(Random.Shared.Next(2, 10 + 5 * Math.Min(attempt, 10)), cancellationToken);
            }
        }
        throw new StorageUnavailableException($"No action number could be reserved for meeting '{meetingId}' after {MaxAttempts} attempts.", new TimeoutException());
    }

    /// <summary>
    /// Removes the reservations a case's keyed raises made (purge): the counter stays, so a number is never handed out
    /// twice. Read across meetings, as purge need not know the case's meeting; the table holds a row per meeting and
    /// one per keyed raise.
    /// </summary>
    public async Task RemoveReservationsAsync(string caseId, CancellationToken cancellationToken)
    {
        // Only reservation rows name a case. (A query filter quotes every value it interpolates, so only the case id is.)
        var filter = $"{ReservingCase} eq {TableClient.CreateQueryFilter($"{caseId}")}";
        foreach (var row in await account.ReadAllAsync(account.Meetings, filter, select: ["PartitionKey", "RowKey"], cancellationToken))
            await account.DeleteRowIfExistsAsync(account.Meetings, row.PartitionKey, row.RowKey, cancellationToken);
    }

    private async Task<TableEntity?> ReadAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var found = await account.CallAsync(ct => account.Meetings.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: ct), cancellationToken);
        return found.HasValue ? found.Value : null;
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
