using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Opsg.Functions.Security;

/// <summary>Who is calling, as far as the request says: a principal with role claims, nobody, or a credential that does not hold.</summary>
public sealed record Caller(ClaimsPrincipal? Principal, string? Refused)
{
    public static readonly Caller Anonymous = new(null, null);
}

/// <summary>
/// Identifies the caller from App Service authentication (X-MS-CLIENT-PRINCIPAL) in Azure, or from
/// a per-role API key (X-Api-Key) locally and in tests. Either way the result is a role claim.
/// Nothing is taken on a setting's word alone: the principal header only when the platform says App Service
/// authentication runs in front of the app, API keys in Azure only when a setting allows them, and the sample
/// keys of local.settings.sample.json only on a local run (<see cref="HostingPlatform"/>).
/// </summary>
public sealed class Callers
{
    public const string Scheme = "OpsgCaller";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    private readonly AuthOptions _auth;
    private readonly HostingPlatform _platform;
    private readonly bool _trustPrincipal;
    private readonly bool _acceptKeys;

    public Callers(IOptions<AuthOptions> auth, HostingPlatform platform, ILogger<Callers> logger)
    {
        _auth = auth.Value;
        _platform = platform;
        _trustPrincipal = _auth.TrustAppServicePrincipal && platform.AuthenticationEnabled;
        _acceptKeys = !platform.InAzure || _auth.AllowApiKeysInAzure;
        // Said once at start, where whoever deploys looks: a setting the platform does not back is ignored.
        if (_auth.TrustAppServicePrincipal && !platform.AuthenticationEnabled)
            logger.LogWarning("Auth:TrustAppServicePrincipal is set but {Variable} does not say App Service authentication runs: {Header} is ignored",
                HostingPlatform.AuthenticationEnabledVariable, PrincipalHeader);
        if (!_acceptKeys && _auth.ApiKeys.Values.Any(k => !string.IsNullOrEmpty(k)))
            logger.LogWarning("API keys are configured but refused: the app runs in Azure and Auth:AllowApiKeysInAzure is not set");
        if (!platform.Local && _auth.ApiKeys.Values.Any(AuthOptions.SampleApiKeys.Contains))
            logger.LogWarning("A sample API key of local.settings.sample.json is configured; it is refused anywhere but a local run");
    }

    public Caller Identify(HttpRequest request)
    {
        if (_trustPrincipal && request.Headers.TryGetValue(PrincipalHeader, out var principal))
            return FromAppService(principal.ToString());

        if (!request.Headers.TryGetValue(ApiKeyHeader, out var key) || string.IsNullOrEmpty(key)) return Caller.Anonymous;
        if (!_acceptKeys) return new Caller(null, "API keys are not accepted here: sign in with Entra ID.");
        var presented = key.ToString();
        if (!_platform.Local && AuthOptions.SampleApiKeys.Contains(presented, StringComparer.Ordinal))
            return new Caller(null, "A sample API key is accepted only on a local run.");
        var role = RoleForKey(presented);
        return role is null ? new Caller(null, "Unknown API key.") : Success($"{role} (API key)", $"api-key:{role}", [role]);
    }

    private string? RoleForKey(string presented)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        foreach (var (role, key) in _auth.ApiKeys)
        {
            if (string.IsNullOrEmpty(key)) continue;
            if (CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key))))
                return Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
        }
        return null;
    }

    private static Caller FromAppService(string encoded)
    {
        try
        {
            var json = JsonSerializer.Deserialize<ClientPrincipal>(Convert.FromBase64String(encoded), JsonSerializerOptions.Web);
            if (json is null) return new Caller(null, "Empty client principal.");
            var roleType = json.RoleTyp ?? ClaimTypes.Role;
            var nameType = json.NameTyp ?? ClaimTypes.Name;
            var roles = json.Claims.Where(c => c.Typ == roleType).Select(c => c.Val)
                .Select(v => Roles.All.FirstOrDefault(r => string.Equals(r, v, StringComparison.OrdinalIgnoreCase)))
                .OfType<string>().Distinct().ToList();
            var name = json.Claims.FirstOrDefault(c => c.Typ == nameType)?.Val ?? "unknown";
            // Entra ID's object id: stable for the person however their display name changes. Without one the
            // principal is not an identity the record can name, so it is refused rather than recorded by name.
            var id = json.Claims.FirstOrDefault(c => c.Typ is ObjectIdClaimType or Roles.CallerIdClaim)?.Val;
            if (string.IsNullOrWhiteSpace(id)) return new Caller(null, "The client principal carries no object id (oid).");
            return roles.Count == 0 ? new Caller(null, "No OPSG role.") : Success(name, id, roles);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return new Caller(null, "Malformed client principal.");
        }
    }

    /// <summary>How App Service writes Entra ID's object id claim.</summary>
    public const string ObjectIdClaimType = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    private static Caller Success(string name, string id, IEnumerable<string> roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(Roles.CallerIdClaim, id) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new Caller(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme)), null);
    }

    // App Service's own field names: auth_typ, name_typ, role_typ, claims[{typ, val}].
    private sealed record ClientPrincipal(
        [property: JsonPropertyName("auth_typ")] string? AuthTyp,
        [property: JsonPropertyName("name_typ")] string? NameTyp,
        [property: JsonPropertyName("role_typ")] string? RoleTyp,
        [property: JsonPropertyName("claims")] List<ClientClaim> Claims);

    private sealed record ClientClaim([property: JsonPropertyName("typ")] string Typ, [property: JsonPropertyName("val")] string Val);
}
