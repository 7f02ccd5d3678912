using System.Reflection;

namespace Opsg.DevHost;

/// <summary>What a function method returns, awaited: a Task, a Task&lt;T&gt; or a plain value.</summary>
internal static class Results
{
    public static Type ResultType(MethodInfo method) =>
        method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>) ? method.ReturnType.GetGenericArguments()[0]
        : method.ReturnType == typeof(Task) || method.ReturnType == typeof(void) ? typeof(object)
        : method.ReturnType;

    public static async Task<object?> AwaitAsync(MethodInfo method, object? returned)
    {
        if (returned is not Task task) return returned;
        await task;
        // Judge by the declared type: a Task returned by an async method is a Task<VoidTaskResult> underneath.
        return method.ReturnType.IsGenericType ? method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }
}
