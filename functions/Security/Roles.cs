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

    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var role = All.FirstOrDefault(user.IsInRole) ?? throw new InvalidOperationException("An authenticated caller has no role.");
        return new Actor(Enum.Parse<Role>(role), user.Identity?.Name ?? role);
    }
}
