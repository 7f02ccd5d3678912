namespace Opsg.Functions.Hosting;

/// <summary>Under the Functions host the port comes from FUNCTIONS_CUSTOMHANDLER_PORT; locally we listen like `func start`.</summary>
public static class HostAddress
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const int LocalPort = 7071;

    public static bool UnderFunctionsHost(IConfiguration configuration) => !string.IsNullOrEmpty(configuration[PortVariable]);

    public static string Url(IConfiguration configuration) =>
        UnderFunctionsHost(configuration)
            ? $"http://127.0.0.1:{configuration[PortVariable]}"
            : $"http://127.0.0.1:{configuration.GetValue("Port", LocalPort)}";
}
