using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Opsg.Functions.Http;

namespace Opsg.Functions.Hosting;

/// <summary>
/// Under the Functions host: runs every HTTP function through <see cref="HttpFunctionPipeline"/>, the same
/// roles and problem details the local host applies. Other triggers (orchestrator, activities, timer) pass through.
/// </summary>
public sealed class HttpFunctionMiddleware(HttpFunctionPipeline pipeline) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, MethodInfo> Methods = new();

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }
        var method = Methods.GetOrAdd(context.FunctionDefinition.EntryPoint, FunctionMethods.Find);
        var result = await pipeline.RunAsync(http, method, async () =>
        {
            await next(context);
            return context.GetInvocationResult().Value;
        });
        context.GetInvocationResult().Value = result;
    }
}
