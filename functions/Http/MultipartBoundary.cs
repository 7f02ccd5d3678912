using Microsoft.Net.Http.Headers;
using Opsg.Functions.Records;

namespace Opsg.Functions.Http;

/// <summary>
/// The boundary a multipart/form-data body is split on. Without one (or with one RFC 2046 does not allow:
/// empty, or over 70 characters) the body cannot be read at all: a 400 naming Content-Type, not a guess
/// about its size.
/// </summary>
public static class MultipartBoundary
{
    private const int MaxLength = 70;

    public static Rejection? Problem(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            return Rejection.Invalid("Content-Type", "Must be multipart/form-data with a boundary.");
        var boundary = HeaderUtilities.RemoveQuotes(parsed.Boundary);
        if (boundary.Length == 0)
            return Rejection.Invalid("Content-Type", "multipart/form-data needs a boundary parameter, e.g. multipart/form-data; boundary=x7Kq.");
        return boundary.Length > MaxLength
            ? Rejection.Invalid("Content-Type", $"The multipart boundary may be at most {MaxLength} characters.")
            : null;
    }
}
