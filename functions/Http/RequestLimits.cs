using System.Globalization;
using Opsg.Functions.Cases;

namespace Opsg.Functions.Http;

/// <summary>
/// The largest request line and header block the app answers, and the problem answer for a larger one.
/// The server in front is set to let more through (<see cref="ServerAllowanceBytes"/>) so that a request over
/// these limits reaches the app and is told what was wrong; only one past the server's allowance, or one the
/// server cannot parse at all (a NUL in the path), still gets the server's empty answer.
/// </summary>
public static class RequestLimits
{
    /// <summary>Path and query, percent-encoded as sent: Kestrel's own default for the request line.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>Every header name and value together: Kestrel's own default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>What the local host's Kestrel accepts before it refuses on its own, for both of the above.</summary>
    public const int ServerAllowanceBytes = 512 * 1024;

    /// <summary>Null when the request is within the limits; otherwise the 414 or 431 to answer.</summary>
    public static IResult? Check(HttpRequest request)
    {
        var target = request.PathBase.ToUriComponent().Length + request.Path.ToUriComponent().Length + request.QueryString.ToUriComponent().Length;
        if (target > MaxTargetBytes)
            return Problems.From(new Rejection(414, "Address too long.",
                $"The path and query string come to {Kb(target)}; the limit is {Kb(MaxTargetBytes)}. Send long values in the body."));

        var headers = request.Headers.Sum(h => h.Key.Length + 4 + h.Value.Sum(v => v?.Length ?? 0));
        return headers > MaxHeaderBytes
            ? Problems.From(new Rejection(431, "Headers too large.", $"The request headers come to {Kb(headers)}; the limit is {Kb(MaxHeaderBytes)}."))
            : null;
    }

    private static string Kb(int bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB");
}
