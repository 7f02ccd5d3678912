using System.Security.Cryptography;
using System.Text.Json;
using Opsg.Functions.Records;

namespace Opsg.Functions.Http;

/// <summary>A request body read once: its bytes (for the idempotency hash) and the parsed value.</summary>
public sealed record Body<T>(T Value, byte[] Bytes);

/// <summary>
/// Reads JSON bodies ourselves rather than through parameter binding, so malformed JSON and wrong
/// types answer with the same problem-details shape as every other invalid field.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 1024 * 1024;

    public static async Task<(Body<T>? Body, Rejection? Rejection)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, new Rejection(415, "Unsupported media type.", "Send the body as application/json."));
        var tooLarge = new Rejection(413, "The body is too large.", $"JSON bodies are limited to {MaxBytes:N0} bytes.");
        if (request.ContentLength > MaxBytes) return (null, tooLarge);

        byte[] bytes;
        // Counted as it arrives: a chunked body is refused once it passes the limit, not once it has all come.
        try { bytes = await BodyLimit.ReadAllAsync(request.Body, MaxBytes, cancellationToken); }
        catch (BodyTooLargeException) { return (null, tooLarge); }
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, Requests.Json);
            return value is null
                ? (null, Rejection.Invalid("$", "A JSON object is required."))
                : (new Body<T>(value, bytes), null);
        }
        catch (JsonException ex)
        {
            // The serializer stops at the first problem; when the JSON itself is well formed, walk it
            // against the request type so the answer names every unknown member and wrong type.
            var errors = JsonShape.Errors<T>(bytes, Requests.Json);
            return (null, errors is { Count: > 0 }
                ? Rejection.Invalid(errors)
                : Rejection.Invalid(FieldName(ex.Path), "The JSON is malformed or a value has the wrong type."));
        }
    }

    /// <summary>"$.criteria[0].lsc" → "criteria[0].lsc", the names the validators use; "$" for the body itself.</summary>
    public static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>What an Idempotency-Key answers for: the caller (stable id and the role the route authorised), method, path, query and body.</summary>
    public static string Hash(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var user = request.HttpContext.User;
        var acting = user.FindFirst(Security.Roles.ActingRoleClaim)?.Value;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{Security.Roles.CallerId(user)}\n{acting}\n{request.Method} {request.Path}{request.QueryString}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}

/// <summary>JSON settings for request bodies: strict about unknown members, camelCase, enums as names.</summary>
public static class Requests
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
        // A number sent as a string ("98218") is a wrong type, not a number.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        // "text":"a","text":"b" is refused, not last-one-wins; JsonShape names the member.
        AllowDuplicateProperties = false,
    };
}
