using Opsg.Functions.Records;

namespace Opsg.Functions.Http;

/// <summary>Turns a refused command into an RFC 9457 problem-details answer.</summary>
public static class Problems
{
    public static IResult From(Rejection rejection) => rejection.Errors is { Count: > 0 } errors
        ? TypedResults.ValidationProblem(errors, rejection.Detail, title: rejection.Title, type: TypeFor(rejection.Status))
        : TypedResults.Problem(rejection.Detail, statusCode: rejection.Status, title: rejection.Title, type: TypeFor(rejection.Status));

    /// <summary>A problem with members of its own beside the standard ones (RFC 9457 extension members).</summary>
    public static IResult From(Rejection rejection, IDictionary<string, object?> extensions) =>
        TypedResults.Problem(rejection.Detail, statusCode: rejection.Status, title: rejection.Title, type: TypeFor(rejection.Status), extensions: extensions);

    private static string TypeFor(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        412 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.13",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        414 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.15",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        428 => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        431 => "https://www.rfc-editor.org/rfc/rfc6585#section-5",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "about:blank",
    };
}
