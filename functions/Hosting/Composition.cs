using Opsg.Functions.Cases;
using Opsg.Functions.Http;
using Opsg.Functions.Links;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;
using Opsg.Functions.Submissions;

namespace Opsg.Functions.Hosting;

/// <summary>Wiring only: which services exist and which endpoints are mapped.</summary>
public static class Composition
{
    public static IServiceCollection AddOpsg(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StorageOptions>(o => StorageSettings.Read(configuration, o));
        services.Configure<AuthOptions>(configuration.GetSection("Auth"));
        services.Configure<EngineOptions>(configuration.GetSection("Engine"));
        services.Configure<TriggerLoopOptions>(configuration.GetSection("TriggerLoop"));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<HistoryTable>();
        services.AddSingleton<TimerTable>();
        services.AddSingleton<LinkTable>();
        services.AddSingleton<LinkAccessLog>();
        services.AddSingleton<MeetingTable>();
        services.AddSingleton<ActivityQueue>();
        services.AddSingleton<BlobStore>();
        services.AddSingleton<ActivitySignal>();
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<CaseStore>();
        services.AddSingleton<CaseCommands>();
        services.AddSingleton<ActivityWorker>();
        services.AddSingleton<EngineSweep>();
        services.AddSingleton(_ => new ReportRenderer(Path.Combine(AppContext.BaseDirectory, "templates")));

        // The loop reads TriggerLoop:Enabled itself when it starts: configuration added by a test host
        // (WebApplicationFactory) is not yet visible here, so a decision taken here would ignore it.
        if (!HostAddress.UnderFunctionsHost(configuration))
            services.AddHostedService<LocalTriggerLoop>();
        else
            services.AddHostedService<StorageStartup>();

        services.AddAuthentication(CallerAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, CallerAuthenticationHandler>(CallerAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        // Answers the framework writes itself (a 415 from an endpoint's Accepts, a 404 from routing)
        // carry a detail too, like every problem this API writes.
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= DefaultDetail(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode));
        services.AddExceptionHandler<ErrorHandling>();
        services.AddOpenApi();
        return services;
    }

    public static WebApplication UseOpsg(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapOpenApi("/api/openapi/{documentName}.json").AllowAnonymous();
        app.MapHealth();
        app.MapCases();
        app.MapSubmissions();
        app.MapEvidence();
        app.MapReview();
        app.MapExternalEvents();
        app.MapReports();
        app.MapActionsRegisterAcrossMeetings();
        app.MapLinks();
        app.MapFunctionInvocations();
        return app;
    }

    private static string DefaultDetail(int status) => status switch
    {
        404 => "There is nothing at this address.",
        405 => "This address does not take that method.",
        415 => "Send the body as application/json (evidence as multipart/form-data).",
        _ => "The request was not accepted; nothing was recorded.",
    };
}

/// <summary>Under the Functions host there is no local loop to create storage, so this does it once at start.</summary>
public sealed class StorageStartup(StorageAccount storage, ILogger<StorageStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try { await storage.EnsureCreatedAsync(cancellationToken); }
        catch (Exception ex) { logger.LogError(ex, "Could not create storage resources; /api/health will say which"); }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
