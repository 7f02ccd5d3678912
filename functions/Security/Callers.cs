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
/// </summary>
public sealed class Callers(IOptions<AuthOptions> auth)
{
    public const string Scheme = "OpsgCaller";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    public Caller Identify(HttpRequest request)
    {
        if (auth.Value.TrustAppServicePrincipal && request.Headers.TryGetValue(PrincipalHeader, out var principal))
            return FromAppService(principal.ToString());

        if (!request.Headers.TryGetValue(ApiKeyHeader, out var key) || string.IsNullOrEmpty(key)) return Caller.Anonymous;
        var role = RoleForKey(key.ToString());
        return role is null ? new Caller(null, "Unknown API key.") : Success($"{role} (API key)", [role]);
    }

    private string? RoleForKey(string presented)
    {
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        foreach (var (role, key) in auth.Value.ApiKeys)
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
            return roles.Count == 0 ? new Caller(null, "No OPSG role.") : Success(name, roles);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return new Caller(null, "Malformed client principal.");
        }
    }

    private static Caller Success(string name, IEnumerable<string> roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
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
