using Opsg.Functions.Records;

namespace Opsg.Functions.Http;

/// <summary>
/// Limits on the shape of a request that the app checks itself, so they answer with problem details like
/// every other refusal: a control character in the path (%00), a query string over 8 KiB, headers over
/// 32 KiB in all. The local host lets such requests through to the app (its Kestrel limits sit above
/// these); whatever a server refuses before any app code runs still gets that server's bare answer.
/// </summary>
public static class RequestShape
{
    public const int MaxQueryLength = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;

    public static Rejection? Problem(HttpRequest request)
    {
        if ((request.Path.Value ?? "").Any(char.IsControl))
            return Rejection.Invalid("path", "The address contains a control character (such as %00).");
        if (request.QueryString.Value?.Length > MaxQueryLength)
            return new Rejection(414, "The address is too long.", $"Query strings are limited to {MaxQueryLength:N0} characters.");
        // Name, ": ", value and the line break of each header line, as the client sent them.
        var headerBytes = request.Headers.Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v?.Length ?? 0));
        return headerBytes > MaxHeaderBytes
            ? new Rejection(431, "The request headers are too large.", $"Headers are limited to {MaxHeaderBytes:N0} bytes in all.")
            : null;
    }
}
