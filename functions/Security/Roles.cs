using System.Security.Claims;
using Opsg.Functions.Records;

namespace Opsg.Functions.Security;

/// <summary>Role names as they appear in claims, configuration and App Service role assignments.</summary>
public static class Roles
{
    public const string Dcc = nameof(Role.Dcc);
    public const string Secas = nameof(Role.Secas);
    public const string OpsgMember = nameof(Role.OpsgMember);
    public const string Tag = nameof(Role.Tag);
    public const string Panel = nameof(Role.Panel);

    public static readonly string[] All = [Dcc, Secas, OpsgMember, Tag, Panel];

    /// <summary>Everyone who takes part in the review and may read a case.</summary>
    public static readonly string[] Participants = [Dcc, Secas, OpsgMember, Tag, Panel];

    /// <summary>
    /// The caller is the SEC Panel and nothing else: what it may see of a case is what it was sent. A person who also
    /// holds a role of the meeting (SECAS, DCC, OPSG member, TAG) sees what that role sees.
    /// </summary>
    public static bool IsPanelOnly(this ClaimsPrincipal user) =>
        user.IsInRole(Panel) && !All.Where(r => r != Panel).Any(user.IsInRole);

    /// <summary>The claim the pipeline adds once a route has authorised the caller: the role it authorised them in.</summary>
    public const string ActingRoleClaim = "opsg-acting-role";

    /// <summary>The stable id of the signed-in identity (Entra ID's object id, or the API key's role).</summary>
    public const string CallerIdClaim = "oid";

    /// <summary>The first of the caller's roles that the route allows, in <see cref="All"/>'s order.</summary>
    public static string? RoleAllowedBy(this ClaimsPrincipal user, IEnumerable<string> allowed) =>
        All.Where(allowed.Contains).FirstOrDefault(user.IsInRole);

    /// <summary>Whom a key, a reservation or a made-up case id belongs to: the caller's stable id.</summary>
    public static string CallerId(this ClaimsPrincipal user) => user.FindFirst(CallerIdClaim)?.Value ?? user.Identity?.Name ?? "";

    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var role = user.FindFirst(ActingRoleClaim)?.Value ?? All.FirstOrDefault(user.IsInRole)
            ?? throw new InvalidOperationException("An authenticated caller has no role.");
        return new Actor(Enum.Parse<Role>(role), user.Identity?.Name ?? role, user.FindFirst(CallerIdClaim)?.Value);
    }
}
