using System.Globalization;
using Opsg.Functions.Records;

namespace Opsg.Functions.Http;

/// <summary>How the read routes take their query and Accept header, each rule once.</summary>
public static class QueryValues
{
    public const string JsonMediaType = "application/json";

    /// <summary>A value given once, else whatever it is (absent, or repeated: joined, so validation names it).</summary>
    public static string? Single(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>A switch such as "showHistory": on only when given as "true" (in any case); anything else leaves it off.</summary>
    public static bool IsOn(HttpRequest request, string name) =>
        string.Equals(request.Query[name], "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>An optional YYYY-MM-DD date ("asOf"), or 400 naming the field.</summary>
    public static (DateOnly? Date, Rejection? Rejection) Date(HttpRequest request, string name)
    {
        var text = request.Query[name].ToString();
        if (string.IsNullOrEmpty(text)) return (null, null);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? (date, null)
            : (null, Rejection.Invalid(name, "A date, YYYY-MM-DD."));
    }

    /// <summary>JSON only when asked for more than HTML: a browser (text/html) and curl (*/*) get the page.</summary>
    public static bool PrefersJson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string mediaType) => accept
            .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1)
            .DefaultIfEmpty(0)
            .Max();
        return Quality(JsonMediaType) > Quality("text/html");
    }
}
