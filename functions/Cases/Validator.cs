namespace Opsg.Functions.Cases;

/// <summary>Collects every invalid field of a request so one answer lists them all.</summary>
public sealed class Validator
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
        return trimmed;
    }

    public string? OptionalText(string? value, string field, int maxLength = MaxShortText) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, maxLength);

    public T Required<T>(T? value, string field) where T : struct
    {
        if (value is null) Add(field, "Required.");
        return value.GetValueOrDefault();
    }

    public TEnum Enum<TEnum>(string? value, string field) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value)) { Add(field, "Required."); return default; }
        if (System.Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed) && !int.TryParse(value, out _))
            return parsed;
        Add(field, $"Must be one of: {string.Join(", ", System.Enum.GetNames<TEnum>().Select(JsonName))}.");
        return default;
    }

    public Rejection? ToRejection() =>
        IsValid ? null : Rejection.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
