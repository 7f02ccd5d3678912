using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Http;
using Opsg.Functions.Records;
using Opsg.Functions.Security;

namespace Opsg.Functions.Hosting;

/// <summary>
/// Any address or method under /api that no other function serves: problem details rather than an empty 404 or 405.
/// Routing ranks a catch-all below every literal route, under the Functions host as under the local host, so it
/// sees a request only when no function takes its path with its method.
/// </summary>
public sealed class NotFoundFunctions
{
    [Function("NotFound")]
    [AllowAnonymous]
    public IResult Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "put", "delete", "patch", "head", "options", "trace", Route = "{*path}")] HttpRequest request,
        string? path)
    {
        var methods = ServedRoutes.MethodsAt(path ?? "");
        // A method the address takes reaches here only when the function's own route refused the path (an int
        // constraint, say): that is no address, not a wrong method.
        var status = methods.Count == 0 || methods.Contains(request.Method.ToUpperInvariant()) ? 404 : 405;
        if (status == 405) request.HttpContext.Response.Headers.Allow = string.Join(", ", methods);
        // HEAD is answered with what GET would say, without a body.
        if (HttpMethods.IsHead(request.Method)) return TypedResults.StatusCode(status);
        return Problems.From(status == 404
            ? new Rejection(404, "Not found.", "There is nothing at this address.")
            : new Rejection(405, "Method not allowed.", $"This address answers {string.Join(", ", methods)}; {request.Method} is not one of them."));
    }
}
