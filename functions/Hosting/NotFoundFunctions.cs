using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Security;

namespace Opsg.Functions.Hosting;

/// <summary>
/// Any address under /api that no other function serves: problem details rather than an empty 404. Routing
/// ranks a catch-all below every literal route, under the Functions host as under the local host.
/// </summary>
public sealed class NotFoundFunctions
{
    [Function("NotFound")]
    [AllowAnonymous]
    public IResult Answer([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "patch", Route = "{*path}")] HttpRequest request) =>
        Problems.From(new Rejection(404, "Not found.", "There is nothing at this address."));
}
