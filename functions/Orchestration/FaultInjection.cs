namespace Opsg.Functions.Orchestration;

/// <summary>The step boundaries where a process can die; the fault tests stop the engine at each.</summary>
public enum FaultPoint { AfterAppendBeforeEnqueue, ActivityStarted, ActivityOutputWritten }

public sealed class FaultInjectedException(FaultPoint point) : Exception($"Injected fault at {point}.");

/// <summary>
/// Off in production (no point is ever armed). Tests arm a point to simulate the process dying
/// exactly there: the exception unwinds without any of the code after that point running.
/// </summary>
public sealed class FaultInjection
{
    private readonly HashSet<FaultPoint> _armed = [];

    public void Arm(FaultPoint point) { lock (_armed) _armed.Add(point); }

    public void Disarm() { lock (_armed) _armed.Clear(); }

    public void At(FaultPoint point)
    {
        lock (_armed)
        {
            if (_armed.Contains(point)) throw new FaultInjectedException(point);
        }
    }
}
