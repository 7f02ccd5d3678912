using System.Reflection;

namespace Opsg.Functions.Hosting;

/// <summary>Finds a function's method from the entry point the build wrote into functions.metadata ("Namespace.Type.Method").</summary>
public static class FunctionMethods
{
    public static MethodInfo Find(string entryPoint)
    {
        var dot = entryPoint.LastIndexOf('.');
        var type = typeof(FunctionMethods).Assembly.GetType(entryPoint[..dot], throwOnError: true)!;
        return type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Single(m => m.Name == entryPoint[(dot + 1)..] && m.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>() is not null);
    }
}
