using System.Text;
using System.Text.Json;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// The X-MS-CLIENT-PRINCIPAL header App Service's authentication passes on for an Entra ID user: by default Tim Hall
/// (SECAS), with the object id Entra ID gives him, in the given roles.
/// </summary>
public static class AppServicePrincipal
{
    public const string TimHallObjectId = "5b1f0c1e-7d2a-4c55-9a4e-0f3a8e2d6b11";
    public const string ObjectIdClaimType = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public static string Header(string role) => Header(TimHallObjectId, "Tim Hall", role);

    public static string Header(string? objectId, string name, params string[] roles) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "name",
        role_typ = "roles",
        claims = new[] { new { typ = "name", val = name } }
            .Concat(objectId is null ? [] : [new { typ = ObjectIdClaimType, val = objectId }])
            .Concat(roles.Select(r => new { typ = "roles", val = r })),
    })));
}
