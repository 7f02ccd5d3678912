using Opsg.Functions.Hosting;

namespace Opsg.Functions;

/// <summary>
/// The .NET isolated worker under the Azure Functions host. Locally and in tests the same functions run under
/// devhost/ instead, which calls the same <see cref="Composition.AddOpsg"/>.
/// </summary>
public static class Worker
{
    public static void Main()
    {
        var host = new HostBuilder()
            .ConfigureFunctionsWebApplication(worker => worker.UseMiddleware<HttpFunctionMiddleware>())
            .ConfigureServices((context, services) => services.AddOpsg(context.Configuration))
            .Build();
        host.Run();
    }
}
