using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Opsg.DevHost;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// The real functions under the local host (devhost) over the real HTTP pipeline, with the real Durable Task engine, on a real Azurite, with tables, queues and containers
/// of its own (a unique name prefix) so test classes run in parallel without seeing each other.
/// </summary>
public sealed class OpsgApp : WebApplicationFactory<Program>
{
    public static readonly IReadOnlyDictionary<string, string> ApiKeys = new Dictionary<string, string>
    {
        ["Dcc"] = "test-dcc-key",
        ["Secas"] = "test-secas-key",
        ["OpsgMember"] = "test-opsg-key",
        ["Tag"] = "test-tag-key",
        ["Panel"] = "test-panel-key",
    };

    private readonly string _connectionString;
    private readonly Dictionary<string, string?> _settings;

    public OpsgApp(string connectionString, string? prefix = null, IDictionary<string, string?>? settings = null)
    {
        _connectionString = connectionString;
        Prefix = prefix ?? "t" + Guid.NewGuid().ToString("N")[..10];
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
    }

    /// <summary>Storage name prefix: a second app with the same prefix sees the same data (a "restarted process").</summary>
    public string Prefix { get; }

    /// <summary>An app on the shared Azurite, once it says it is healthy (its tables and containers exist).</summary>
    public static async Task<OpsgApp> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? testServices = null) =>
        await StartOnAsync((await Azurite.Shared).ConnectionString, settings, testServices);

    /// <summary>An app on the storage given (an Azurite of the test's own, a proxy in front of one), once it says it is healthy.</summary>
    public static async Task<OpsgApp> StartOnAsync(string connectionString, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? testServices = null)
    {
        try
        {
            return await StartHealthyAsync(connectionString, settings, testServices);
        }
        catch (TimeoutException notHealthy)
        {
            // Rarely, on a loaded CI machine, the local host's Durable sidecar has not come up within a minute. That is
            // the local host's start, not what the test is about: say so in the log and start one more app (a task hub
            // of its own); a second failure fails the test.
            Console.Error.WriteLine($"An app for the tests did not become healthy and is started again: {notHealthy.Message}");
            return await StartHealthyAsync(connectionString, settings, testServices);
        }
    }

    private static async Task<OpsgApp> StartHealthyAsync(string connectionString, IDictionary<string, string?>? settings, Action<IServiceCollection>? testServices)
    {
        var app = new OpsgApp(connectionString, settings: settings) { TestServices = testServices };
        try
        {
            await app.ClientAs(null).WaitForHealthyAsync(60);
            return app;
        }
        catch (TimeoutException notHealthy)
        {
            var engine = app.Service<DurableSidecar>().Progress;
            await app.DisposeAsync();
            throw new TimeoutException($"{notHealthy.Message} The local host's Durable sidecar: {engine}; given up {DateTimeOffset.UtcNow:HH:mm:ss.fff}.", notHealthy);
        }
    }

    /// <summary>The storage call budget an app has in Azure, for the tests of what a caller sees when storage stops answering.</summary>
    public static IDictionary<string, string?> ProductionStorageBudget => new Dictionary<string, string?>
    {
        ["Storage:CallTimeout"] = new StorageOptions().CallTimeout.ToString("c", CultureInfo.InvariantCulture),
    };

    /// <summary>Replaces services before the app starts, e.g. a <see cref="ManualClock"/> for the TimeProvider.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public HttpClient ClientAs(string? role)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // Every request of every test has a deadline: a hang fails the test instead of stalling the run.
        client.Timeout = TimeSpan.FromSeconds(60);
        if (role is not null) client.DefaultRequestHeaders.Add("X-Api-Key", ApiKeys[role]);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config =>
        {
            var values = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = _connectionString,
                ["Storage:NamePrefix"] = Prefix,
                // A task hub of its own (hub names are letters and digits), polled often so tests do not wait on idle back-off.
                ["OpsgTaskHub"] = Prefix,
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:maxQueuePollingInterval"] = "00:00:00.200",
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount"] = "1",
                // A message taken by a process that died comes back after this, not Durable's 5 minutes: the restart tests wait for it.
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout"] = "00:00:15",
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:15",
                // One Azurite serves every test class of a loaded CI machine: a call that stalls there for seconds is
                // slowness, not an outage. The outage tests put the production budget back (ProductionStorageBudget).
                ["Storage:CallTimeout"] = "00:00:30",
                ["OpsgRepairSchedule"] = "*/1 * * * * *",
                ["Workflow:RepairGrace"] = "00:00:02",
                ["Workflow:FirstRetryInterval"] = "00:00:00.100",
                // Failures, not chatter: a CI log must show which test failed, not every request.
                ["Logging:LogLevel:Default"] = Environment.GetEnvironmentVariable("OPSG_TEST_LOGLEVEL") ?? "Warning",
            };
            foreach (var (role, key) in ApiKeys) values[$"Auth:ApiKeys:{role}"] = key;
            foreach (var (key, value) in _settings) values[key] = value;
            config.AddInMemoryCollection(values);
        });
        if (TestServices is { } configure) builder.ConfigureTestServices(configure);
    }
}
