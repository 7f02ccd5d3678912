using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Hosting;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>
/// Health says what it checked to a signed-in caller, probing now; to anyone else only whether the app is up, from a
/// status at most seconds old, naming nothing.
/// </summary>
public sealed class HealthTests
{
    [Fact]
    public async Task GivenAzurite_WhenASignedInCallerAsks_Then200ListsEveryCheckedResource()
    {
        await using var app = await OpsgApp.StartAsync();
        var client = app.ClientAs("OpsgMember");

        var body = await client.WaitForHealthyAsync();

        var checks = body["checks"]!.AsObject();
        Assert.Contains(checks, c => c.Key.StartsWith("table:", StringComparison.Ordinal) && c.Key.EndsWith("OpsgHistory", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Key.StartsWith("table:", StringComparison.Ordinal) && c.Key.EndsWith("OpsgMeetings", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Key.StartsWith("table:", StringComparison.Ordinal) && c.Key.EndsWith("OpsgPurged", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Key.StartsWith("container:", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Key == "workflow"); // the Durable task hub answers a status query
        Assert.All(checks, c => Assert.Equal("ok", c.Value!.GetValue<string>()));
    }

    [Fact]
    public async Task GivenUnreachableStorage_WhenASignedInCallerAsks_Then503ProblemDetailsNamingWhatDidNotAnswer()
    {
        await using var app = new OpsgApp(Azurite.Unreachable());
        var response = await app.ClientAs("Secas").GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Json_();
        Assert.Equal(503, problem["status"]!.GetValue<int>());
        Assert.Contains("unreachable", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenUnreachableStorage_WhenAnonymousAsks_Then503NamingNothing()
    {
        await using var app = new OpsgApp(Azurite.Unreachable());
        var response = await app.ClientAs(null).GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("checks", body, StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Opsg", body, StringComparison.Ordinal);
        Assert.DoesNotContain("table", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAHealthyApp_WhenStorageHangs_ThenAnonymousCallersGetTheFreshStatusWithoutAProbe_UntilItIsStale()
    {
        var clock = new ShiftableClock();
        await using var azurite = await Azurite.StartAsync(location: null);
        await using var app = new OpsgApp(azurite.ConnectionString, settings: OpsgApp.ProductionStorageBudget) { TestServices = services => services.AddSingleton<TimeProvider>(clock) };
        using var anonymous = app.ClientAs(null);
        var healthy = await anonymous.WaitForHealthyAsync(60);
        Assert.Equal(["status"], healthy.AsObject().Select(p => p.Key)); // nothing about what was checked

        await azurite.FreezeAsync();
        try
        {
            // Storage answers nothing now: a probe would take the call budget and fail. These take none.
            // (Within HealthyFor of the last probe, however slow this machine: the clock is moved back to be sure.)
            clock.Advance(-HealthStatus.HealthyFor);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            foreach (var _ in Enumerable.Range(0, 20))
                Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/health")).StatusCode);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"20 anonymous health calls took {watch.Elapsed.TotalSeconds:0.0} s: they probed storage.");

            clock.Advance(HealthStatus.HealthyFor + HealthStatus.HealthyFor);
            var stale = await anonymous.GetAsync("/api/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
            Assert.DoesNotContain("checks", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await azurite.ThawAsync();
        }
    }
}
