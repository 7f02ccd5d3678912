using System.Diagnostics;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// A real Azurite on free ports, started once per test run from the repo's pinned npm package.
/// In-memory by default; a test that restarts the emulator asks for its own on-disk instance.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly Lazy<Task<Azurite>> SharedInstance = new(() => StartAsync(location: null));

    private Process? _process;
    private readonly string? _location;

    private Azurite(int blob, int queue, int table, string? location)
    {
        BlobPort = blob;
        QueuePort = queue;
        TablePort = table;
        _location = location;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    /// <summary>A connection string to ports nothing listens on: storage "unreachable".</summary>
    public static string Unreachable()
    {
        var port = LoopbackPorts.Free();
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            $"AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }

    public static Task<Azurite> Shared => SharedInstance.Value;

    /// <summary>Starts a private instance; with a location its data survives a restart.</summary>
    public static async Task<Azurite> StartAsync(string? location)
    {
        var azurite = new Azurite(LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free(), location);
        await azurite.StartProcessAsync();
        if (location is null) AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Kill();
        return azurite;
    }

    /// <summary>A private instance whose data lives in a temp folder of its own (so it survives a restart), removed on dispose.</summary>
    public static Task<Azurite> StartOnDiskAsync() =>
        StartAsync(Path.Combine(Path.GetTempPath(), "opsg-azurite-" + Guid.NewGuid().ToString("N")));

    /// <summary>
    /// Stops gracefully (SIGTERM) and starts again on the same ports and folder. Azurite's on-disk
    /// store saves on an interval and on shutdown, so a SIGKILL could lose its last seconds of writes.
    /// </summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            using var term = Process.Start("kill", $"-TERM {process.Id}");
            await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try { await process.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { }
        }
        Kill();
    }

    /// <summary>
    /// Freezes the emulator (SIGSTOP): its ports stay open and the kernel still accepts connections,
    /// but nothing answers, as with a hung server. <see cref="ThawAsync"/> lets it go on where it stopped.
    /// </summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        var process = _process is { HasExited: false } running ? running : throw new InvalidOperationException("Azurite is not running.");
        using var kill = Process.Start("kill", $"-{signal} {process.Id}");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill -{signal} {process.Id} exited with {kill.ExitCode}.");
    }

    public void Kill()
    {
        if (_process is { HasExited: false }) { _process.Kill(entireProcessTree: true); _process.WaitForExit(10_000); }
        _process?.Dispose();
        _process = null;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        if (_location is not null)
            try { Directory.Delete(_location, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }

    private async Task StartProcessAsync()
    {
        var root = RepoRoot();
        var binary = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(binary)) throw new InvalidOperationException("Azurite is not installed: run `npm ci` at the repository root (scripts/test.sh does).");
        if (_location is not null) Directory.CreateDirectory(_location);
        var args = "--silent --disableTelemetry --skipApiVersionCheck --loose " +
            $"--blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort {BlobPort} --queuePort {QueuePort} --tablePort {TablePort} " +
            (_location is null ? "--inMemoryPersistence" : $"--location \"{_location}\"");
        _process = Process.Start(new ProcessStartInfo(binary, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        }) ?? throw new InvalidOperationException("Could not start Azurite.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        OrphanGuard.StopWithTestHost(_process);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await LoopbackPorts.ListensAsync(port))
            {
                if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"Azurite did not listen on {port} within 30 s.");
                await Task.Delay(100);
            }
        }
    }



    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Opsg.Functions.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root.");
    }
}
