namespace Opsg.Functions.Orchestration;

/// <summary>An activity that failed the ordinary way (a dependency said no), so Durable's retry policy applies.</summary>
public sealed class InjectedActivityFailureException() : Exception("Injected activity failure.");

/// <summary>
/// Off in production (no failure is ever queued). Tests make the next step runs fail like a broken dependency,
/// to watch the retry policy and the failed-step path work on the real engine.
/// </summary>
public sealed class FaultInjection
{
    private int _failuresLeft;

    /// <summary>The next <paramref name="times"/> step runs throw an ordinary exception.</summary>
    public void FailActivities(int times) => Interlocked.Exchange(ref _failuresLeft, times);

    public void ActivityRunning()
    {
        int left;
        do
        {
            left = Volatile.Read(ref _failuresLeft);
            if (left <= 0) return;
        }
        while (Interlocked.CompareExchange(ref _failuresLeft, left - 1, left) != left);
        throw new InjectedActivityFailureException();
    }
}
