using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Opsg.DevHost;
using Opsg.Functions.Hosting;

// The local stand-in for `func start`: the functions of functions.metadata on http://127.0.0.1:7071/api/...,
// their orchestrator and activities on a Durable Task worker, the task hub in Azure Storage (Azurite).
// The environment as the isolated worker reads it (AZURE_FUNCTIONS_ENVIRONMENT: Development under Core Tools and
// scripts/run.sh, Production in Azure); ASP.NET Core's own variables otherwise.
var builder = Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT") is { Length: > 0 } functionsEnvironment
    ? WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, EnvironmentName = functionsEnvironment })
    : WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration.GetValue("DevHost:Port", 7071)}");
// Kestrel answers what it refuses itself with an empty body, so its limits sit above the app's (RequestShape):
// a long query or large headers reach the app and get problem details.
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestLineSize = 64 * 1024;
    kestrel.Limits.MaxRequestHeadersTotalSize = 256 * 1024;
});

var metadata = FunctionsMetadata.Load(AppContext.BaseDirectory);
builder.Services.AddSingleton(metadata);
builder.Services.AddSingleton(services => HostJson.Load(AppContext.BaseDirectory, services.GetRequiredService<IConfiguration>()));
builder.Services.AddOpsg(builder.Configuration);

// The sidecar starts before the worker connects to it (hosted services start in the order they are added).
builder.Services.AddSingleton<DurableSidecar>();
builder.Services.AddHostedService(services => services.GetRequiredService<DurableSidecar>());
builder.Services.AddDurableTaskWorker(worker => worker.UseGrpc().AddTasks(registry => DurableFunctions.Register(registry, metadata)));
builder.Services.AddOptions<GrpcDurableTaskWorkerOptions>().Configure<DurableSidecar>((options, sidecar) => options.Channel = sidecar.Channel);
builder.Services.AddDurableTaskClient(client => client.UseGrpc());
builder.Services.AddOptions<GrpcDurableTaskClientOptions>().Configure<DurableSidecar>((options, sidecar) => options.Channel = sidecar.Channel);
builder.Services.AddHostedService<TimerTriggers>();

var app = builder.Build();
app.MapHttpFunctions(metadata, app.Services.GetRequiredService<HostJson>());
app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
