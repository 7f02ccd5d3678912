using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Opsg.Functions.Hosting;

namespace Opsg.DevHost;

/// <summary>
/// Registers every orchestrationTrigger and activityTrigger function of functions.metadata with the Durable Task
/// worker under its function name, calling the same method the isolated worker would.
/// </summary>
public static class DurableFunctions
{
    public static void Register(DurableTaskRegistry registry, FunctionsMetadata metadata)
    {
        foreach (var (function, _) in metadata.WithTrigger("orchestrationTrigger"))
        {
            var method = FunctionMethods.Find(function.EntryPoint);
            registry.AddOrchestrator(function.Name, () => new MethodOrchestrator(method));
        }
        foreach (var (function, _) in metadata.WithTrigger("activityTrigger"))
        {
            var method = FunctionMethods.Find(function.EntryPoint);
            registry.AddActivity(function.Name, services => new MethodActivity(method, services));
        }
    }

    private sealed class MethodOrchestrator(MethodInfo method) : ITaskOrchestrator
    {
        // The input is bound to the parameter after the context, as under the Functions host.
        public Type InputType => method.GetParameters() is { Length: > 1 } parameters ? parameters[1].ParameterType : typeof(object);
        public Type OutputType => Results.ResultType(method);

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            Results.AwaitAsync(method, method.Invoke(null, method.GetParameters().Length > 1 ? [context, input] : [context]));
    }

    private sealed class MethodActivity(MethodInfo method, IServiceProvider services) : ITaskActivity
    {
        public Type InputType => method.GetParameters()[0].ParameterType;
        public Type OutputType => Results.ResultType(method);

        public Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
            // After the input, an activity may take [DurableClient] DurableTaskClient, as under the Functions host.
            var arguments = method.GetParameters().Select((p, i) => i == 0 ? input
                : p.ParameterType == typeof(DurableTaskClient) ? services.GetRequiredService<DurableTaskClient>()
                : throw new InvalidOperationException($"{method.Name}: the local host binds only the input and a DurableTaskClient.")).ToArray();
            return Results.AwaitAsync(method, method.Invoke(target, arguments));
        }
    }
}
