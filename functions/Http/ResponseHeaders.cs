namespace Opsg.Functions.Http;

/// <summary>
/// The headers each kind of answer carries, set in one place. Every answer of the app starts from
/// <see cref="Baseline"/>: nothing it says may be stored by a cache or a browser (an answer can carry a link's token,
/// a case's content or who may see it), HTTPS only from the first visit on (HSTS), no sniffing, no framing, and a
/// policy that runs and loads nothing. A document (HTML report, evidence file, the actions register) relaxes that
/// policy just enough to show itself.
/// </summary>
public static class ResponseHeaders
{
    /// <summary>For answers that are not documents (JSON, problem details): nothing to load, run, embed, submit or re-base.</summary>
    public const string ApiPolicy = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>For documents: their inline styles and data: pictures, and still nothing that runs, submits, re-bases or embeds them.</summary>
    public const string DocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public const string NotCached = "private, no-store";

    /// <summary>Two years, subdomains included: the app is served over HTTPS only (infra: httpsOnly). Browsers ignore it over plain HTTP.</summary>
    public const string StrictTransportSecurity = "max-age=63072000; includeSubDomains";

    /// <summary>Every answer, before the function runs (refusals included); a function may then set what its answer needs.</summary>
    public static void Baseline(HttpResponse response)
    {
        response.Headers.CacheControl = NotCached;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.StrictTransportSecurity = StrictTransportSecurity;
        response.Headers.ContentSecurityPolicy = ApiPolicy;
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XFrameOptions = "DENY";
    }

    /// <summary>An HTML report or an evidence file, to a signed-in user or through a Panel link (its 404s too).</summary>
    public static void Document(HttpResponse response)
    {
        Baseline(response);
        response.Headers.ContentSecurityPolicy = DocumentPolicy;
    }

    /// <summary>A case's state as JSON (status, review, an action, the register).</summary>
    public static void CaseJson(HttpResponse response) => Baseline(response);
}
