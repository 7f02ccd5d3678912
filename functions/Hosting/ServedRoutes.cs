using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;

namespace Opsg.Functions.Hosting;

/// <summary>
/// Every route an HTTP function serves, with its methods, read from the functions' own attributes: what the
/// catch-all needs to tell a wrong method at a real address (405 naming the methods it takes) from no address (404).
/// </summary>
public static class ServedRoutes
{
    private sealed record Served(TemplateMatcher Matcher, IReadOnlyList<string> Methods);

    private static readonly Lazy<IReadOnlyList<Served>> All = new(() =>
        typeof(ServedRoutes).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
            .Where(t => t.Route is { } route && !route.StartsWith("{*", StringComparison.Ordinal))
            .Select(t => new Served(
                new TemplateMatcher(TemplateParser.Parse(t.Route!), new RouteValueDictionary()),
                (t.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList()))
            .ToList());

    /// <summary>The methods served at this path (after the /api prefix), in a fixed order; none when no route matches.</summary>
    public static IReadOnlyList<string> MethodsAt(string path)
    {
        var at = "/" + path.TrimStart('/');
        return All.Value.Where(s => s.Matcher.TryMatch(at, new RouteValueDictionary())).SelectMany(s => s.Methods)
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
