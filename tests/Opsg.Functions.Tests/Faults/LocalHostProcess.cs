using System.Diagnostics;
using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Faults;

/// <summary>
/// The local host as a process of its own (as `scripts/run.sh` runs it), so a test can kill it with SIGKILL at any
/// moment and start another on the same storage and task hub: a restarted machine, not a disposed object.
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private LocalHostProcess(Process process, int port)
    {
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public HttpClient As(string role)
    {
        var client = new HttpClient { BaseAddress = Client.BaseAddress, Timeout = Client.Timeout };
        client.DefaultRequestHeaders.Add("X-Api-Key", OpsgApp.ApiKeys[role]);
        return client;
    }

    /// <summary>
    /// Starts a host on <paramref name="connectionString"/> with storage prefix and task hub <paramref name="prefix"/>, and
    /// waits until it is healthy. <paramref name="asDeployed"/>: the Durable queue settings of host.json as they ship,
    /// not the tests' quicker ones.
    /// </summary>
    public static async Task<LocalHostProcess> StartAsync(string connectionString, string prefix, IDictionary<string, string>? settings = null, bool asDeployed = false)
    {
        var port = LoopbackPorts.Free();
        var dll = Path.Combine(AppContext.BaseDirectory, "Opsg.DevHost.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Storage__NamePrefix"] = prefix,
            ["OpsgTaskHub"] = prefix,
            ["OpsgRepairSchedule"] = "*/1 * * * * *",
            ["Workflow__RepairGrace"] = "00:00:02",
            ["DevHost__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval"] = "00:00:00.200",
            // A message the killed process had taken comes back after this, not Durable's 5 minutes.
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__controlQueueVisibilityTimeout"] = "00:00:15",
            ["AzureFunctionsJobHost__extensions__durableTask__storageProvider__workItemQueueVisibilityTimeout"] = "00:00:15",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (asDeployed)
            foreach (var setting in environment.Keys.Where(k => k.StartsWith("AzureFunctionsJobHost__extensions__durableTask__storageProvider__", StringComparison.Ordinal)).ToList())
                environment.Remove(setting);
        foreach (var (role, key) in OpsgApp.ApiKeys) environment[$"Auth__ApiKeys__{role}"] = key;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new LocalHostProcess(process, port);
        await host.WaitHealthyAsync();
        return host;
    }

    public async Task WaitHealthyAsync(int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The local host exited with code {_process.ExitCode}.");
            try
            {
                if ((await Client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The local host never answered health 200.");
            await Task.Delay(200);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, nothing after this line runs in that process.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public bool HasExited => _process.HasExited;

    public ValueTask DisposeAsync()
    {
        Kill();
        Client.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
