namespace Opsg.Functions.Http;

/// <summary>
/// The headers each kind of answer carries, set in one place: a document (HTML report, evidence file)
/// may not run anything, be sniffed into another type or be cached; case JSON is never cached either.
/// </summary>
public static class ResponseHeaders
{
    public const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";

    /// <summary>An HTML report or an evidence file, to a signed-in user or through a Panel link (its 404s too).</summary>
    public static void Document(HttpResponse response)
    {
        NotCached(response);
        response.Headers.ContentSecurityPolicy = DocumentPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    /// <summary>A case's state as JSON (status, review, an action, the register).</summary>
    public static void CaseJson(HttpResponse response) => NotCached(response);

    private static void NotCached(HttpResponse response)
    {
        response.Headers.CacheControl = "private, no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
