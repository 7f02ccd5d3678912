using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Claims;
using Grpc.Core;
using Microsoft.Azure.Functions.Worker;
using Opsg.Functions.Records;
using Opsg.Functions.Security;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Http;

/// <summary>
/// What happens around every HTTP function, written once and run by both hosts (the worker middleware in
/// Azure, the local host here): the request's shape (<see cref="RequestShape"/>), the caller's role against the function's <see cref="AllowRolesAttribute"/>
/// (401/403 problems), then the function, with failures turned into problem details (storage down → 503
/// with Retry-After, anything unexpected → 500 without internals). What it logs names the function and its route
/// template (<c>OpenLink GET links/{*token}</c>), never the request's path: a path can carry a Panel link's token.
/// </summary>
public sealed class HttpFunctionPipeline(Callers callers, ILogger<HttpFunctionPipeline> logger)
{
    private static readonly ConcurrentDictionary<MethodInfo, string> Templates = new();

    /// <summary>"Function route-template" as declared on the function: what a log line may say about which request it was.</summary>
    public static string Template(MethodInfo function) => Templates.GetOrAdd(function, f =>
    {
        var name = f.GetCustomAttribute<FunctionAttribute>()?.Name ?? f.Name;
        var route = f.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(t => t is not null)?.Route;
        return $"{name} {route}";
    });

    public async Task<IResult?> RunAsync(HttpContext http, MethodInfo function, Func<Task<object?>> invoke)
    {
        ResponseHeaders.Baseline(http.Response);
        if (RequestShape.Problem(http.Request) is { } misshapen) return Problems.From(misshapen);
        if (Authorize(http, function) is { } refused) return refused;
        try
        {
            return await invoke() as IResult;
        }
        catch (StorageUnavailableException ex)
        {
            logger.LogWarning(ex, "Storage did not answer: {Method} {Function}", http.Request.Method, Template(function));
            http.Response.Headers.RetryAfter = "5";
            // True of every request that gets here: an append that storage may have received answers "the outcome is
            // unknown" itself (CaseCommands), and what runs after a recorded change never fails its answer.
            return HttpMethods.IsGet(http.Request.Method)
                ? Problems.From(new Rejection(503, "Storage unavailable.", "Storage did not answer; try again shortly."))
                : Problems.From(new Rejection(503, "Storage unavailable.", "Storage did not answer before anything was recorded, so nothing was; try again shortly."),
                    new Dictionary<string, object?> { ["outcome"] = "notRecorded" });
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            // The Durable client could not reach the task hub (the host's Durable extension, or the local host's sidecar).
            logger.LogWarning(ex, "The workflow engine did not answer: {Method} {Function}", http.Request.Method, Template(function));
            http.Response.Headers.RetryAfter = "5";
            return Problems.From(new Rejection(503, "Workflow engine unavailable.", "The workflow engine did not answer. Anything already recorded is kept; try again shortly."));
        }
        catch (BadHttpRequestException bad)
        {
            return Problems.From(new Rejection(bad.StatusCode, "Bad request.", bad.Message));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return null; // The caller went away; there is nobody to answer.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request failed: {Method} {Function}", http.Request.Method, Template(function));
            return Problems.From(new Rejection(500, "Unexpected error.", "The request failed. Nothing was half-recorded: every change is a single atomic append."));
        }
    }

    /// <summary>Null when the caller may go on; otherwise the 401 or 403 to answer. Sets the caller as the request's user.</summary>
    private IResult? Authorize(HttpContext http, MethodInfo function)
    {
        var caller = callers.Identify(http.Request);
        if (caller.Principal is { } principal) http.User = principal;
        if (function.GetCustomAttribute<AllowAnonymousAttribute>() is not null) return null;

        var allowed = function.GetCustomAttribute<AllowRolesAttribute>()?.Roles
            ?? throw new InvalidOperationException($"{function.DeclaringType?.Name}.{function.Name} declares neither AllowRoles nor AllowAnonymous.");
        if (caller.Principal is null)
        {
            http.Response.Headers.WWWAuthenticate = $"{Callers.ApiKeyHeader}, App Service authentication";
            return Problems.From(new Rejection(401, "Authentication required.",
                caller.Refused ?? $"Send {Callers.ApiKeyHeader} (locally) or sign in through App Service authentication."));
        }
        if (caller.Principal.RoleAllowedBy(allowed) is not { } acting)
            return Problems.From(new Rejection(403, "Not allowed for your role.", "Your role may not do this."));
        // What is recorded is the role this route let them act in, not whichever of their roles comes first.
        caller.Principal.Identities.First().AddClaim(new Claim(Roles.ActingRoleClaim, acting));
        return null;
    }
}
