using System.Text;
using System.Text.Json;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>The X-MS-CLIENT-PRINCIPAL header App Service's authentication passes on: Tim Hall (SECAS) in the given role.</summary>
public static class AppServicePrincipal
{
    public static string Header(string role) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
    {
        auth_typ = "aad",
        name_typ = "name",
        role_typ = "roles",
        claims = new[] { new { typ = "name", val = "Tim Hall" }, new { typ = "roles", val = role } },
    })));
}
