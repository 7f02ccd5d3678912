using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Opsg.Functions.Tests.Hosting.OpenApi;

/// <summary>
/// Checks a JSON value against a schema of our OpenAPI 3.1 document, for the part of JSON Schema the
/// document uses: type (one or an array, "null" included; "integer" is a number without a fraction),
/// properties, required, additionalProperties (false or a schema), enum, items, $ref into the document,
/// oneOf / anyOf / allOf, and format date / date-time checked loosely. A keyword it does not know is an
/// error, so the document cannot grow a rule the tests silently skip. Returns every problem with its path.
/// </summary>
public sealed partial class SchemaValidator(JsonNode document)
{
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal) { "description", "examples", "title", "deprecated", "default" };

    public IReadOnlyList<string> Errors(JsonNode? value, JsonNode schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    private void Check(JsonNode? value, JsonNode schema, string path, List<string> errors)
    {
        if (schema is JsonValue boolean && boolean.TryGetValue<bool>(out var allowed))
        {
            if (!allowed) errors.Add($"{path}: no value is allowed here");
            return;
        }
        foreach (var (keyword, rule) in schema.AsObject())
        {
            switch (keyword)
            {
                case "$ref": Check(value, Resolve(rule!.GetValue<string>()), path, errors); break;
                case "type": CheckType(value, rule!, path, errors); break;
                case "format": CheckFormat(value, rule!.GetValue<string>(), path, errors); break;
                case "enum":
                    if (!rule!.AsArray().Any(v => JsonNode.DeepEquals(v, value)))
                        errors.Add($"{path}: {Show(value)} is not one of {rule.ToJsonString()}");
                    break;
                case "required":
                    if (value is JsonObject required)
                        foreach (var name in rule!.AsArray().Select(n => n!.GetValue<string>()).Where(n => !required.ContainsKey(n)))
                            errors.Add($"{path}: required member '{name}' is missing");
                    break;
                case "properties":
                    if (value is JsonObject withProperties)
                        foreach (var (name, propertySchema) in rule!.AsObject())
                            if (withProperties.TryGetPropertyValue(name, out var member)) Check(member, propertySchema!, $"{path}.{name}", errors);
                    break;
                case "additionalProperties":
                    if (value is JsonObject extra)
                    {
                        var declared = schema["properties"]?.AsObject();
                        foreach (var (name, member) in extra.Where(m => declared is null || !declared.ContainsKey(m.Key)))
                            Check(member, rule!, $"{path}.{name}", errors);
                    }
                    break;
                case "items":
                    if (value is JsonArray items)
                        for (var i = 0; i < items.Count; i++) Check(items[i], rule!, $"{path}[{i}]", errors);
                    break;
                case "allOf":
                    foreach (var part in rule!.AsArray()) Check(value, part!, path, errors);
                    break;
                case "anyOf":
                    if (!rule!.AsArray().Any(part => Errors(value, part!).Count == 0))
                        errors.Add($"{path}: {Show(value)} matches none of anyOf");
                    break;
                case "oneOf":
                    var matching = rule!.AsArray().Count(part => Errors(value, part!).Count == 0);
                    if (matching != 1)
                        errors.Add($"{path}: {Show(value)} matches {matching} of oneOf, not exactly one{Why(value, rule.AsArray())}");
                    break;
                default:
                    if (!Annotations.Contains(keyword)) errors.Add($"{path}: the validator does not know the keyword '{keyword}'");
                    break;
            }
        }
    }

    private JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new ArgumentException($"Only references into the document are supported: {reference}");
        var node = document;
        foreach (var step in reference[2..].Split('/'))
            node = node[step.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]
                ?? throw new ArgumentException($"The reference {reference} points at nothing.");
        return node;
    }

    private static void CheckType(JsonNode? value, JsonNode rule, string path, List<string> errors)
    {
        var types = rule is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [rule.GetValue<string>()];
        var actual = TypeOf(value);
        var fits = types.Contains(actual)
            || (actual == "integer" && types.Contains("number"));
        if (!fits) errors.Add($"{path}: {Show(value)} is {actual}, not {string.Join(" or ", types)}");
    }

    private static string TypeOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) ? "integer" : "number",
        _ => "unknown",
    };

    private static void CheckFormat(JsonNode? value, string format, string path, List<string> errors)
    {
        if (value?.GetValueKind() != JsonValueKind.String) return; // formats constrain strings only; int32/int64 are annotations here
        var text = value.GetValue<string>();
        var ok = format switch
        {
            "date" => Date().IsMatch(text),
            "date-time" => DateTime().IsMatch(text),
            _ => true,
        };
        if (!ok) errors.Add($"{path}: \"{text}\" is not a {format}");
    }

    private string Why(JsonNode? value, JsonArray parts) =>
        string.Concat(parts.Select((p, i) => $"; [{i}]: {string.Join(", ", Errors(value, p!).Take(2))}"));

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 60 ? text[..60] + "…" : text;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex Date();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTime();
}
