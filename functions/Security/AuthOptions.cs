namespace Opsg.Functions.Security;

public sealed class AuthOptions
{
    /// <summary>
    /// The API keys local.settings.sample.json ships (one per role): anyone can read them, so they are refused
    /// everywhere but a local run (<see cref="HostingPlatform.Local"/>), whatever the configuration says.
    /// </summary>
    public static readonly IReadOnlyList<string> SampleApiKeys = ["local-dcc-key", "local-secas-key", "local-opsg-key", "local-tag-key", "local-panel-key"];

    /// <summary>Role name → API key, for local runs and tests. Empty in Azure, where keys are refused anyway unless <see cref="AllowApiKeysInAzure"/>.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Accept API keys when running in Azure. Off: there every caller signs in with Entra ID through App Service
    /// authentication. Not set by infra/; turning it on is a deliberate act of whoever runs the app.
    /// </summary>
    public bool AllowApiKeysInAzure { get; set; }

    /// <summary>
    /// Trust X-MS-CLIENT-PRINCIPAL. Honoured only when the platform also says App Service authentication runs
    /// (<see cref="HostingPlatform.AuthenticationEnabled"/>), which strips any such header a client sends; anywhere
    /// else it would let a caller pick their own role.
    /// </summary>
    public bool TrustAppServicePrincipal { get; set; }
}
