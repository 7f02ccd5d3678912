using System.Text.RegularExpressions;

namespace Opsg.Functions.Records;

/// <summary>Collects every invalid field of a request so one answer lists them all.</summary>
public sealed partial class Validator
{
    public const int MaxShortText = 300;
    public const int MaxLongText = 20_000;

    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validator Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public Validator Check(bool condition, string field, string message) => condition ? this : Add(field, message);

    /// <summary>Required text within a length limit; returns the trimmed value (or "" when invalid).</summary>
    public string Text(string? value, string field, int maxLength = MaxShortText)
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "Required."); return ""; }
        var trimmed = value.Trim();
        if (trimmed.Length > maxLength) Add(field, $"At most {maxLength} characters.");
        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')) Add(field, "Control characters are not allowed.");
        // Bidirectional overrides can make a statement read differently on screen than it is stored.
        if (trimmed.Any(IsBidiControl)) Add(field, "Bidirectional formatting characters are not allowed.");
        if (HasLoneSurrogate(trimmed)) Add(field, "The text is not valid Unicode.");
        // Plain text only: reports escape everything anyway, but markup in governance records is never intended. A tag
        // opens only where a letter, '/', '!' or '?' follows '<' at once, so "cost < budget" is prose, not markup.
        if (MarkupPattern().IsMatch(trimmed)) Add(field, "Markup is not allowed; write plain text (a '<' followed by a space is fine).");
        return trimmed;
    }

    public string? OptionalText(string? value, string field, int maxLength = MaxShortText) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, maxLength);

    public T Required<T>(T? value, string field) where T : struct
    {
        if (value is null) Add(field, "Required.");
        return value.GetValueOrDefault();
    }

    /// <summary>
    /// One of the enum's names exactly as the OpenAPI document lists them (camelCase, or as declared where the API
    /// follows Durable's PascalCase): "ACCEPTED" or "accepted " is refused, so what is stored is what was documented.
    /// </summary>
    public TEnum Enum<TEnum>(string? value, string field, bool asDeclared = false) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "Required."); return default; }
        foreach (var name in System.Enum.GetNames<TEnum>())
            if (string.Equals(value, asDeclared ? name : JsonName(name), StringComparison.Ordinal))
                return System.Enum.Parse<TEnum>(name);
        Add(field, $"Must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>().Select(n => asDeclared ? n : JsonName(n)))}.");
        return default;
    }

    public TEnum? OptionalEnum<TEnum>(string? value, string field) where TEnum : struct, System.Enum =>
        string.IsNullOrWhiteSpace(value) ? null : Enum<TEnum>(value, field);

    /// <summary>A list that must be present (possibly empty) and not absurdly long.</summary>
    public List<T> List<T>(List<T>? items, string field, int max, bool required = false)
    {
        if (items is null) { if (required) Add(field, "Required."); return []; }
        if (items.Count > max) Add(field, $"At most {max} entries.");
        return items;
    }

    public Rejection? ToRejection() =>
        IsValid ? null : Rejection.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F';

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    [GeneratedRegex(@"<[A-Za-z/!?]|javascript\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex MarkupPattern();
}
