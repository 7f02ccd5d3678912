namespace Opsg.Functions.Security;

/// <summary>
/// Who may call an HTTP function, declared once on the function. Enforced by <see cref="Http.HttpFunctionPipeline"/>,
/// the same code under the Functions host and the local host.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllowRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>The function answers callers without a role (health, the Panel's link); it decides for itself what they see.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AllowAnonymousAttribute : Attribute;
