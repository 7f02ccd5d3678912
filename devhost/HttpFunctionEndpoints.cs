using System.Globalization;
using System.Reflection;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Hosting;
using Opsg.Functions.Http;

namespace Opsg.DevHost;

/// <summary>
/// Maps every httpTrigger of functions.metadata onto /{routePrefix}/{route} with its methods, and invokes the
/// function the way the isolated worker binds it: HttpRequest, route values by parameter name, [DurableClient]
/// DurableTaskClient, CancellationToken. The function runs inside <see cref="HttpFunctionPipeline"/>, the same
/// roles and problem details as under the Functions host.
/// </summary>
public static class HttpFunctionEndpoints
{
    public static void MapHttpFunctions(this WebApplication app, FunctionsMetadata metadata, HostJson hostJson)
    {
        foreach (var (function, trigger) in metadata.WithTrigger("httpTrigger"))
        {
            var method = FunctionMethods.Find(function.EntryPoint);
            var methods = (trigger.Methods ?? ["get", "post", "put", "delete", "patch"]).Select(m => m.ToUpperInvariant()).ToArray();
            app.MapMethods($"/{hostJson.RoutePrefix}/{trigger.Route ?? function.Name}", methods, http => InvokeAsync(http, method))
                .WithName(function.Name)
                .WithMetadata(function);
        }
    }

    private static async Task InvokeAsync(HttpContext http, MethodInfo method)
    {
        var pipeline = http.RequestServices.GetRequiredService<HttpFunctionPipeline>();
        var result = await pipeline.RunAsync(http, method, () =>
        {
            var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(http.RequestServices, method.DeclaringType!);
            return Results.AwaitAsync(method, method.Invoke(target, method.GetParameters().Select(p => Bind(http, p)).ToArray()));
        });
        if (result is not null) await result.ExecuteAsync(http);
    }

    private static object? Bind(HttpContext http, ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(HttpRequest)) return http.Request;
        if (parameter.ParameterType == typeof(DurableTaskClient)) return http.RequestServices.GetRequiredService<DurableTaskClient>();
        if (parameter.ParameterType == typeof(CancellationToken)) return http.RequestAborted;
        var value = http.Request.RouteValues.TryGetValue(parameter.Name!, out var routeValue) ? routeValue?.ToString() : null;
        if (value is null) return null;
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type == typeof(string) ? value : Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
    }
}
