using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Opsg.Functions.Tests.Hosting.OpenApi;

/// <summary>
/// The OpenAPI document's operations, found by a real request path: "/api/cases/3f9a/actions/2" is the
/// operation at "/api/cases/{caseId}/actions/{number}". A path with fewer parameters wins, so
/// ".../raiseEvent/TagView" is never taken for a parameter.
/// </summary>
public sealed class DocumentedOperations(JsonNode document)
{
    private readonly List<(Regex Pattern, string Template, int Parameters)> _paths = document["paths"]!.AsObject()
        .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[A-Za-z]+}", "[^/]+") + "$"), p.Key, p.Key.Count(c => c == '{')))
        .OrderBy(p => p.Item3)
        .ToList();

    public JsonNode Document { get; } = document;

    /// <summary>The path template and the operation for that method, or null when the document has none.</summary>
    public (string Template, JsonNode? Operation)? Find(string method, string path)
    {
        foreach (var (pattern, template, _) in _paths)
            if (pattern.IsMatch(path)) return (template, Document["paths"]![template]![method.ToLowerInvariant()]);
        return null;
    }

    /// <summary>The response object of an operation for a status, with a "$ref" to components/responses followed.</summary>
    public JsonNode? Response(JsonNode operation, int status)
    {
        var response = operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (response?["$ref"] is { } reference)
            response = Document["components"]!["responses"]![reference.GetValue<string>().Split('/')[^1]];
        return response;
    }
}
