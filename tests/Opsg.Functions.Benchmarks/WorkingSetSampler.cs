using System.Diagnostics;

namespace Opsg.Functions.Benchmarks;

/// <summary>A process's working set when sampling starts (idle) and the highest seen until it stops (peak), in MB.</summary>
public sealed class WorkingSetSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public WorkingSetSampler(Process process, TimeSpan every)
    {
        process.Refresh();
        IdleMb = process.WorkingSet64 / 1048576.0;
        _peak = process.WorkingSet64;
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                await Task.Delay(every);
            }
        });
    }

    public double IdleMb { get; }

    public double PeakMb => Interlocked.Read(ref _peak) / 1048576.0;

    /// <summary>Stops sampling; <see cref="PeakMb"/> is final after this.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
