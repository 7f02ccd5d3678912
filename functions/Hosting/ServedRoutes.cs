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
    private sealed record Served(RouteTemplate Template, TemplateMatcher Matcher, IReadOnlyList<string> Methods)
    {
        /// <summary>The path fits the template, its int parameters included (the one constraint the routes use).</summary>
        public bool Serves(string path)
        {
            var values = new RouteValueDictionary();
            return Matcher.TryMatch(path, values) && Template.Parameters
                .Where(p => p.InlineConstraints.Any(c => c.Constraint == "int"))
                .All(p => int.TryParse(values[p.Name!]?.ToString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _));
        }
    }

    private static readonly Lazy<IReadOnlyList<Served>> All = new(() =>
        typeof(ServedRoutes).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(m => m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
            .Where(t => t.Route is { } route && !route.StartsWith("{*", StringComparison.Ordinal))
            .Select(t => TemplateParser.Parse(t.Route!) is var template
                ? new Served(template, new TemplateMatcher(template, new RouteValueDictionary()), (t.Methods ?? []).Select(m => m.ToUpperInvariant()).ToList())
                : null!)
            .ToList());

    /// <summary>The methods served at this path (after the /api prefix), in a fixed order; none when no route matches.</summary>
    public static IReadOnlyList<string> MethodsAt(string path)
    {
        var at = "/" + path.TrimStart('/');
        return All.Value.Where(s => s.Serves(at)).SelectMany(s => s.Methods)
            .Distinct().Order(StringComparer.Ordinal).ToList();
    }
}
