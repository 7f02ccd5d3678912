namespace Opsg.Functions.Security;

public static class EndpointRoles
{
    /// <summary>Only callers holding one of these roles may use the endpoint; anonymous callers get 401.</summary>
    public static TBuilder AllowRoles<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.AddAuthenticationSchemes(CallerAuthenticationHandler.SchemeName).RequireRole(roles));
}
