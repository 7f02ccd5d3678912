namespace Opsg.Functions.Security;

public sealed class AuthOptions
{
    /// <summary>Role name → API key, for local runs and tests. Empty in Azure.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Trust X-MS-CLIENT-PRINCIPAL. Only behind App Service authentication, which strips any such
    /// header a client sends; anywhere else it would let a caller pick their own role.
    /// </summary>
    public bool TrustAppServicePrincipal { get; set; }
}
