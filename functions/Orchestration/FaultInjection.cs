namespace Opsg.Functions.Orchestration;

/// <summary>The step boundaries where a process can die; the fault tests stop the engine at each.</summary>
public enum FaultPoint { AfterAppendBeforeEnqueue, ActivityStarted, ActivityOutputWritten }

public sealed class FaultInjectedException(FaultPoint point) : Exception($"Injected fault at {point}.");

/// <summary>An activity that failed the ordinary way (a dependency said no), so retries and poison rules apply.</summary>
public sealed class InjectedActivityFailureException() : Exception("Injected activity failure.");

/// <summary>
/// Off in production (no point is ever armed, no failure ever queued). Tests arm a point to
/// simulate the process dying exactly there: the exception unwinds without any of the code after
/// that point running. They can also make the next activity runs fail like a broken dependency.
/// </summary>
public sealed class FaultInjection
{
    private readonly HashSet<FaultPoint> _armed = [];
    private readonly Dictionary<FaultPoint, int> _hits = [];
    private int _failuresLeft;

    public void Arm(FaultPoint point) { lock (_armed) _armed.Add(point); }

    public void Disarm() { lock (_armed) _armed.Clear(); }

    /// <summary>How often an armed point was reached: lets a test wait until the "crash" really happened.</summary>
    public int Hits(FaultPoint point) { lock (_armed) return _hits.GetValueOrDefault(point); }

    public void At(FaultPoint point)
    {
        lock (_armed)
        {
            if (!_armed.Contains(point)) return;
            _hits[point] = _hits.GetValueOrDefault(point) + 1;
            throw new FaultInjectedException(point);
        }
    }

    /// <summary>The next <paramref name="times"/> activity runs throw an ordinary exception.</summary>
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
