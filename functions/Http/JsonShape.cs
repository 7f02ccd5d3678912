using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Opsg.Functions.Http;

/// <summary>
/// Compares well-formed JSON with the shape of a request type and lists every member that does not
/// fit: unknown members, objects where a list belongs, text where a number belongs, and so on.
/// </summary>
public static class JsonShape
{
    /// <summary>Every misfit by field name; null when the bytes are not well-formed JSON at all.</summary>
    public static IReadOnlyDictionary<string, string[]>? Errors<T>(byte[] bytes, JsonSerializerOptions options)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = options.MaxDepth }); }
        catch (JsonException) { return null; }
        catch (ArgumentException) { return null; }
        using (document)
        {
            var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            Walk(document.RootElement, typeof(T), "", options, errors);
            return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
        }
    }

    private static void Walk(JsonElement element, Type type, string path, JsonSerializerOptions options, Dictionary<string, List<string>> errors)
    {
        var info = options.GetTypeInfo(type);
        if (element.ValueKind == JsonValueKind.Null && (!type.IsValueType || Nullable.GetUnderlyingType(type) is not null)) return;
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (element.ValueKind != JsonValueKind.Object) { Add(errors, path, "Must be a JSON object."); return; }
                var properties = info.Properties.ToDictionary(p => p.Name, options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
                var seen = new HashSet<string>(options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    // JsonDocument checks the UTF-8 of values as they are read but not of member names; a name
                    // that does not decode cannot be named back, so the object that holds it is.
                    if (!TryName(member, out var name)) { Add(errors, path, NotUnicodeName); continue; }
                    if (!seen.Add(name)) { Add(errors, Join(path, name), "Sent more than once."); continue; }
                    if (properties.TryGetValue(name, out var property)) Walk(member.Value, property.PropertyType, Join(path, property.Name), options, errors);
                    else Add(errors, Join(path, name), "Unknown field.");
                }
                return;
            case JsonTypeInfoKind.Enumerable when info.ElementType is { } elementType:
                if (element.ValueKind != JsonValueKind.Array) { Add(errors, path, "Must be a JSON array."); return; }
                var index = 0;
                foreach (var item in element.EnumerateArray()) Walk(item, elementType, $"{(path.Length == 0 ? "$" : path)}[{index++}]", options, errors);
                return;
            default:
                try { JsonSerializer.Deserialize(element, info); }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException)
                {
                    // A string that a string field cannot take is text that does not decode.
                    Add(errors, path, element.ValueKind == JsonValueKind.String && type == typeof(string) ? NotUnicode : Expected(Nullable.GetUnderlyingType(type) ?? type));
                }
                return;
        }
    }

    private const string NotUnicode = "The text is not valid UTF-8 or Unicode.";
    private const string NotUnicodeName = "A member name is not valid UTF-8 or Unicode.";

    private static bool TryName(JsonProperty member, out string name)
    {
        try { name = member.Name; return true; }
        catch (InvalidOperationException) { name = ""; return false; }
    }

    private static string Expected(Type type) =>
        type == typeof(string) ? "Must be a string."
        : type == typeof(int) || type == typeof(long) ? "Must be a whole number."
        : type == typeof(bool) ? "Must be true or false."
        : type == typeof(DateOnly) ? "Must be a date, yyyy-mm-dd."
        : "The value has the wrong type.";

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        var field = path.Length == 0 ? "$" : path;
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
    }
}
