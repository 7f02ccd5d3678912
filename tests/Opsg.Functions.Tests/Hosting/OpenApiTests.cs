using System.Net;
using Microsoft.AspNetCore.Routing;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

public sealed class OpenApiTests
{
    [Fact]
    public async Task TheOpenApiDocument_DescribesEveryNamedApiEndpoint()
    {
        await using var app = await OpsgApp.StartAsync();
        var response = await app.ClientAs(null).GetAsync("/api/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Json_();

        var operationIds = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => op.Value!["operationId"]?.GetValue<string>()))
            .OfType<string>().ToHashSet();
        var named = app.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal))
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .OfType<string>().Where(name => name is not ("OpenApi" or "NotFound")).ToList();

        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.Contains(name, operationIds));
    }
}
