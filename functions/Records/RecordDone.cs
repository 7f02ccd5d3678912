using Opsg.Functions.Storage;

namespace Opsg.Functions.Records;

/// <summary>
/// Recording something the workflow has already done outside the record, an email sent above all. Giving up on a
/// storage that did not answer would fail the step, and its retry would do the thing again (a second email), so the
/// write is tried again a few times under the same key, waiting longer each time: a try that did land meanwhile is
/// then a replay, never a second event.
/// </summary>
public static class RecordDone
{
    private const int Attempts = 5;

    public static async Task<TState> RecordDoneAsync<TState>(this RecordStore<TState> store, string id, string idempotencyKey, DateTimeOffset now, Func<TState, Decision> decide)
        where TState : RecordState
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.RecordOnceAsync(id, idempotencyKey, now, decide);
            }
            catch (StorageUnavailableException) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }
}
