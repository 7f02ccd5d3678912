using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

public sealed class HealthTests
{
    [Fact]
    public async Task GivenAzurite_WhenHealthIsAsked_Then200ListsEveryCheckedResource()
    {
        await using var app = await OpsgApp.StartAsync();
        var client = app.ClientAs(null);

        var body = await client.WaitForHealthyAsync();

        var checks = body["checks"]!.AsObject();
        Assert.Contains(checks, c => c.Key.StartsWith("table:", StringComparison.Ordinal) && c.Key.EndsWith("OpsgHistory", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Key.StartsWith("table:", StringComparison.Ordinal) && c.Key.EndsWith("OpsgMeetings", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Key.StartsWith("container:", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.Key == "workflow"); // the Durable task hub answers a status query
        Assert.All(checks, c => Assert.Equal("ok", c.Value!.GetValue<string>()));
    }

    [Fact]
    public async Task GivenUnreachableStorage_WhenHealthIsAsked_Then503ProblemDetails()
    {
        await using var app = new OpsgApp(Azurite.Unreachable());
        var response = await app.ClientAs(null).GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Json_();
        Assert.Equal(503, problem["status"]!.GetValue<int>());
        Assert.Contains("unreachable", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
