namespace Opsg.Functions.Security;

/// <summary>
/// Where the app runs, as the platform itself says it (environment variables it sets), never as a setting of ours
/// claims: whether this is Azure, whether App Service authentication runs in front of the app, and whether this is
/// a developer's local run. Read once at start; the platform restarts the app when any of them changes.
/// </summary>
public sealed record HostingPlatform(bool InAzure, bool AuthenticationEnabled, bool Local)
{
    /// <summary>"True" when App Service authentication (Easy Auth) runs in front of the app, and only then.</summary>
    public const string AuthenticationEnabledVariable = "WEBSITE_AUTH_ENABLED";

    /// <summary>
    /// Set by the platform on the Azure Functions plans and by nothing on a developer's machine: App Service,
    /// Elastic Premium and Windows Consumption (WEBSITE_INSTANCE_ID), every hosted SKU once the site is specialised
    /// (WEBSITE_SKU), Flex Consumption (LEGION_SERVICE_HOST). Core Tools sets none of them. CONTAINER_NAME, which
    /// the Functions host also reads for Linux Consumption, is not one: container tooling everywhere sets it.
    /// </summary>
    public static readonly IReadOnlyList<string> AzureVariables = ["WEBSITE_INSTANCE_ID", "WEBSITE_SKU", "LEGION_SERVICE_HOST"];

    /// <summary>A local run: not in Azure, and the environment is Development (as Core Tools and scripts/run.sh set it).</summary>
    public static HostingPlatform From(IConfiguration configuration, IHostEnvironment environment)
    {
        var inAzure = AzureVariables.Any(name => !string.IsNullOrWhiteSpace(configuration[name]));
        var authentication = string.Equals(configuration[AuthenticationEnabledVariable]?.Trim(), "True", StringComparison.OrdinalIgnoreCase);
        return new HostingPlatform(inAzure, authentication, !inAzure && environment.IsDevelopment());
    }
}
