using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Opsg.Functions.Security;

/// <summary>
/// Identifies the caller from App Service authentication (X-MS-CLIENT-PRINCIPAL) in Azure, or from
/// a per-role API key (X-Api-Key) locally and in tests. Either way the result is a role claim.
/// </summary>
public sealed class CallerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "OpsgCaller";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (auth.Value.TrustAppServicePrincipal && Request.Headers.TryGetValue(PrincipalHeader, out var principal))
            return Task.FromResult(FromAppService(principal.ToString()));

        if (!Request.Headers.TryGetValue(ApiKeyHeader, out var key) || string.IsNullOrEmpty(key))
            return Task.FromResult(AuthenticateResult.NoResult());
        var role = RoleForKey(key.ToString());
        return Task.FromResult(role is null
            ? AuthenticateResult.Fail("Unknown API key.")
            : Success($"{role} (API key)", [role]));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties) =>
        await WriteProblem(401, "Authentication required.", $"Send {ApiKeyHeader} (locally) or sign in through App Service authentication.");

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await WriteProblem(403, "Not allowed for your role.", "Your role may not do this.");

    private async Task WriteProblem(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await Results.Problem(detail, statusCode: status, title: title).ExecuteAsync(Context);
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

    private AuthenticateResult FromAppService(string encoded)
    {
        try
        {
            var json = JsonSerializer.Deserialize<ClientPrincipal>(Convert.FromBase64String(encoded), JsonSerializerOptions.Web);
            if (json is null) return AuthenticateResult.Fail("Empty client principal.");
            var roleType = json.RoleTyp ?? ClaimTypes.Role;
            var nameType = json.NameTyp ?? ClaimTypes.Name;
            var roles = json.Claims.Where(c => c.Typ == roleType).Select(c => c.Val)
                .Select(v => Roles.All.FirstOrDefault(r => string.Equals(r, v, StringComparison.OrdinalIgnoreCase)))
                .OfType<string>().Distinct().ToList();
            var name = json.Claims.FirstOrDefault(c => c.Typ == nameType)?.Val ?? "unknown";
            return roles.Count == 0 ? AuthenticateResult.Fail("No OPSG role.") : Success(name, roles);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return AuthenticateResult.Fail("Malformed client principal.");
        }
    }

    private static AuthenticateResult Success(string name, IEnumerable<string> roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    // App Service's own field names: auth_typ, name_typ, role_typ, claims[{typ, val}].
    private sealed record ClientPrincipal(
        [property: JsonPropertyName("auth_typ")] string? AuthTyp,
        [property: JsonPropertyName("name_typ")] string? NameTyp,
        [property: JsonPropertyName("role_typ")] string? RoleTyp,
        [property: JsonPropertyName("claims")] List<ClientClaim> Claims);

    private sealed record ClientClaim([property: JsonPropertyName("typ")] string Typ, [property: JsonPropertyName("val")] string Val);
}
