namespace Opsg.Functions.Orchestration;

/// <summary>
/// Wakes the local trigger loop as soon as this process enqueues work, so an idle loop can poll
/// slowly without adding its idle interval to every activity's start time.
/// </summary>
public sealed class ActivitySignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Poke()
    {
        if (_semaphore.CurrentCount == 0)
        {
            try { _semaphore.Release(); }
            catch (SemaphoreFullException) { /* already poked */ }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
