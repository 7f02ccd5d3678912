using Opsg.Functions.Meetings;
using Opsg.Functions.Records;
using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Links;
using Opsg.Functions.Mail;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reminders;
using Opsg.Functions.Reports;
using Opsg.Functions.Security;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Hosting;

/// <summary>Wiring only: the services every function uses, under either host.</summary>
public static class Composition
{
    public static IServiceCollection AddOpsg(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StorageOptions>(o => StorageSettings.Read(configuration, o));
        services.Configure<AuthOptions>(configuration.GetSection("Auth"));
        // A fault switch left on in Azure stops the app at start rather than killing it mid-step later.
        services.AddOptions<WorkflowOptions>().Bind(configuration.GetSection("Workflow"))
            .Validate<HostingPlatform>(FaultInjection.AllowedOn, FaultInjection.RefusedInAzure).ValidateOnStart();
        services.Configure<MailOptions>(configuration.GetSection("Mail"));
        services.Configure<EvidenceOptions>(configuration.GetSection("Evidence"));

        services.AddLogging(NoRequestPaths);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<HistoryTable>();
        services.AddSingleton<LinkTable>();
        services.AddSingleton<LinkAccessLog>();
        services.AddSingleton<LinkIssuing>();
        services.AddSingleton<CaseStoragePurge>();
        services.AddSingleton<PurgedRecords>();
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<EffectClaims>();
        services.AddSingleton<MeetingTable>();
        services.AddSingleton<BlobStore>();
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<EffectsOnce>();
        services.AddSingleton(new RecordCacheSize(configuration.GetValue("Records:CacheCapacity", RecordCacheSize.Default.Records)));
        services.AddSingleton(CaseRecord.Kind);
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseCommands>();
        services.AddSingleton<CaseReads>();
        services.AddSingleton<ReportFiles>();
        services.AddSingleton<IRecordStatus<CaseState>, CaseStatus>();
        services.AddSingleton<CaseWorkflow>();
        services.AddSingleton<IWorkflowAlignment<CaseState>>(sp => sp.GetRequiredService<CaseWorkflow>());
        services.AddSingleton<RecordStore<CaseState>>(sp => sp.GetRequiredService<CaseStore>());
        services.AddSingleton<StepRunner<CaseState>>();
        services.AddSingleton(MeetingRecord.Kind);
        services.AddSingleton<MeetingStore>();
        services.AddSingleton<ActionRecords>();
        services.AddSingleton<RecordStore<MeetingState>>(sp => sp.GetRequiredService<MeetingStore>());
        services.AddSingleton<StepRunner<MeetingState>>();
        services.AddSingleton<MeetingCommands>();
        services.AddSingleton<MeetingReads>();
        services.AddSingleton<MeetingWorkflow>();
        services.AddSingleton<IWorkflowAlignment<MeetingState>>(sp => sp.GetRequiredService<MeetingWorkflow>());
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<PanelMailer>();
        services.AddSingleton<ReminderRecipients>();
        services.AddSingleton<ReminderMailer>();
        services.AddSingleton<MeetingReminderMailer>();
        services.AddSingleton(sp => HostingPlatform.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddSingleton<Callers>();
        services.AddSingleton<HttpFunctionPipeline>();
        services.AddSingleton<HealthStatus>();
        services.AddSingleton(_ => new ReportRenderer(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddSingleton(_ => new MailRenderer(Path.Combine(AppContext.BaseDirectory, "templates")));
        services.AddHostedService<StorageStartup>();
        return services;
    }

    /// <summary>
    /// A request's path can hold a Panel link's token, so nothing logs one: ASP.NET Core's request lines and the scope
    /// it opens around every request (RequestPath, which a sink keeping scopes writes on every line) are off, its
    /// routing and server chatter (which repeat the path at Debug) kept to warnings. The app logs each failure by its
    /// function and route template instead (Http/HttpFunctionPipeline). The same under the Functions host's worker,
    /// which runs the request through ASP.NET Core too, and the local host.
    /// </summary>
    public static void NoRequestPaths(ILoggingBuilder logging)
    {
        // Off, not raised: below Critical it still opens the request scope (it opens it when Critical is enabled).
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    }
}

/// <summary>
/// Creates the app's tables and containers at start, and keeps trying in the background when storage is not
/// there yet (or too slow to answer within the call budget); health says what is missing meanwhile.
/// </summary>
public sealed class StorageStartup(StorageAccount storage, ILogger<StorageStartup> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryCreateAsync(cancellationToken)) return;
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && !await TryCreateAsync(stoppingToken))
        {
            try { await Task.Delay(RetryEvery, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    private async Task<bool> TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await storage.EnsureCreatedAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not create storage resources yet ({Reason}); trying again, /api/health says which are missing", ex.Message);
            return false;
        }
    }
}
