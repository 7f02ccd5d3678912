using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reports;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Hosting;

/// <summary>Wiring only: the services every function uses, under either host.</summary>
public static class Composition
{
    public static IServiceCollection AddOpsg(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StorageOptions>(o => StorageSettings.Read(configuration, o));
        services.Configure<AuthOptions>(configuration.GetSection("Auth"));
        services.Configure<WorkflowOptions>(configuration.GetSection("Workflow"));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<HistoryTable>();
        services.AddSingleton<LinkTable>();
        services.AddSingleton<LinkAccessLog>();
        services.AddSingleton<CaseStoragePurge>();
        services.AddSingleton<MeetingTable>();
        services.AddSingleton<BlobStore>();
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseCommands>();
        services.AddSingleton<CaseWorkflow>();
        services.AddSingleton<Callers>();
        services.AddSingleton<HttpFunctionPipeline>();
        services.AddSingleton(_ => new ReportRenderer(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddHostedService<StorageStartup>();
        return services;
    }
}

/// <summary>Creates the app's tables and containers once at start; health says which are missing if it cannot.</summary>
public sealed class StorageStartup(StorageAccount storage, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try { await storage.EnsureCreatedAsync(cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException) { logger.LogError(ex, "Could not create storage resources; /api/health will say which"); }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
