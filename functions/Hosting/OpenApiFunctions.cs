using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Security;

namespace Opsg.Functions.Hosting;

/// <summary>
/// The OpenAPI document, kept in the repository (the isolated worker generates none) and served as it is.
/// A test holds its routes to functions.metadata.
/// </summary>
public sealed class OpenApiFunctions
{
    private static readonly Lazy<byte[]> Document = new(() => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "OpenApi", "openapi.json")));

    [Function("OpenApi")]
    [AllowAnonymous]
    public IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request) =>
        TypedResults.Bytes(Document.Value, "application/json");
}
