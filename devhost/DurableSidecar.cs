using System.Collections.Concurrent;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Opsg.DevHost;

/// <summary>
/// What the Durable extension is inside the Functions host: Durable Task's gRPC sidecar over the Azure Storage
/// provider (the one Durable Functions uses in Azure by default), on a Unix socket of its own. The worker that
/// runs our orchestrator and activities and the client the HTTP functions bind both talk to it.
/// </summary>
public sealed class DurableSidecar : IHostedService, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationService _service;
    private readonly StartedOnceOrchestrationService _orchestrations;
    private readonly WebApplication _server;
    private readonly ILogger _logger;
    private readonly string _socketPath;
    private readonly CancellationTokenSource _stopping = new();
    private Task<bool> _running = Task.FromResult(false);
    private static readonly TimeSpan FirstStartWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CreateTaskHubWait = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LeaseReleaseWait = TimeSpan.FromSeconds(15);
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DurableSidecar(HostJson hostJson, IConfiguration configuration, ILoggerFactory loggers)
    {
        var connectionString = configuration[hostJson.StorageConnectionName]
            ?? throw new InvalidOperationException($"Set {hostJson.StorageConnectionName}: the Durable task hub lives in that storage account.");
        _service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = hostJson.TaskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(connectionString, Impatient(new BlobClientOptions())),
                StorageServiceClientProvider.ForQueue(connectionString, Impatient(new QueueClientOptions())),
                StorageServiceClientProvider.ForTable(connectionString, Impatient(new TableClientOptions()))),
            PartitionCount = hostJson.PartitionCount,
            MaxQueuePollingInterval = hostJson.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = hostJson.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = hostJson.WorkItemQueueVisibilityTimeout,
            UseTablePartitionManagement = true,
            // One worker id per process, as the Functions host gives each instance: the default (the machine name)
            // would make a restarted process think it still holds the partitions its dead predecessor leased.
            WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}",
            LoggerFactory = loggers,
        });

        // A Unix socket of its own rather than a loopback port: a port found free and bound later can be taken in
        // between (by another process's connection), and a sidecar that cannot bind never listens.
        SidecarSockets.RemoveOrphans(Path.GetTempPath());
        _socketPath = SidecarSockets.NewPath(Path.GetTempPath());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(_socketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        _orchestrations = new StartedOnceOrchestrationService(_service);
        builder.Services.AddSingleton<IOrchestrationService>(_orchestrations);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(_service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        _server = builder.Build();
        _server.MapGrpcService<TaskHubGrpcServer>();
        // A sidecar that is not listening yet (its task hub still being created) is worth trying again
        // every second; gRPC's default back-off grows to two minutes and keeps refusing calls long after it listens.
        Channel = GrpcChannel.ForAddress("http://durable-sidecar", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { ConnectCallback = ConnectToSidecarAsync },
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(200),
            MaxReconnectBackoff = TimeSpan.FromSeconds(1),
        });
        _logger = loggers.CreateLogger<DurableSidecar>();
        TaskHub = hostJson.TaskHub;
    }

    public GrpcChannel Channel { get; }

    public string TaskHub { get; }

    /// <summary>
    /// Starts in the background once the task hub's storage answers, as the Functions host's extension does: the
    /// HTTP functions (health above all) answer meanwhile, and the worker connects when the sidecar listens.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Report("host starting");
        _running = RunAsync(_stopping.Token);
        // Ordinarily the task hub is ready before the first request; when storage does not answer the first
        // attempt, the host comes up anyway and the sidecar keeps trying.
        await Task.WhenAny(_firstAttempt.Task, Task.Delay(FirstStartWait, cancellationToken));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (await _running is not true) return;
        await _server.StopAsync(cancellationToken);
        // The worker stopped before the sidecar (hosted services stop in reverse order), so a work item it had taken is
        // never answered, and the sidecar's dispatchers would wait for it for up to an hour with the provider still
        // reading the task hub's queues. The messages it holds go back to the queues for the next process. Waiting for
        // the stop (the dispatchers' own, if theirs came first) lets the partition leases go while storage is still up.
        var stopped = _orchestrations.StopAsync(isForced: true);
        await Task.WhenAny(stopped, Task.Delay(LeaseReleaseWait, cancellationToken));
        if (!stopped.IsCompleted)
            _logger.LogWarning("The task hub {TaskHub} did not release its partitions within {Wait}; another worker takes them when their leases expire", TaskHub, LeaseReleaseWait);
        else if (_orchestrations.StopFailure is { } failure)
            _logger.LogWarning(failure, "The task hub {TaskHub} stopped with an error; another worker takes its partitions when their leases expire", TaskHub);
    }

    /// <summary>How the start went, step by step with times: what a person (or a test) waiting for the workflow engine reads.</summary>
    public string Progress => string.Join("; ", _progress);

    private readonly ConcurrentQueue<string> _progress = new();

    private void Report(string progress) => _progress.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {progress}");

    private async Task<bool> RunAsync(CancellationToken stopping)
    {
        await Task.Yield(); // the host's start goes on; this loop runs beside it
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                // Creating the task hub is idempotent: an attempt that hangs is abandoned and made again.
                Report($"creating task hub {TaskHub}, attempt {attempt}");
                await _service.CreateIfNotExistsAsync().WaitAsync(CreateTaskHubWait, stopping);
                Report($"starting the gRPC server, attempt {attempt}");
                await _server.StartAsync(stopping);
                Report($"listening on {_socketPath} (present: {File.Exists(_socketPath)})");
                _firstAttempt.TrySetResult();
                return true;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return false; // stopping while storage was still out of reach
            }
            catch (Exception ex)
            {
                _firstAttempt.TrySetResult();
                Report($"attempt {attempt} failed: {ex.GetType().Name}: {ex.Message}");
                _logger.LogWarning("The task hub {TaskHub} is not reachable yet ({Reason}); trying again", TaskHub, ex.Message);
                try { await Task.Delay(TimeSpan.FromSeconds(2), stopping); } catch (OperationCanceledException) { }
            }
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _server.DisposeAsync();
        File.Delete(_socketPath);
    }

    /// <summary>
    /// The SDK waits 100 s for a storage answer before it retries; a request a busy Azurite has dropped then holds the
    /// task hub up for minutes. Ten seconds a try, and more tries, as the engine's own calls are all idempotent.
    /// </summary>
    private static TOptions Impatient<TOptions>(TOptions options) where TOptions : Azure.Core.ClientOptions
    {
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        options.Retry.MaxRetries = 6;
        return options;
    }

    private async ValueTask<Stream> ConnectToSidecarAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(_socketPath), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
