using Microsoft.AspNetCore.Diagnostics;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Hosting;

/// <summary>Unhandled failures become problem details: storage down → 503, anything else → 500 without internals.</summary>
public sealed class ErrorHandling(IProblemDetailsService problems, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            StorageUnavailableException => (503, "Storage unavailable.", "Storage did not answer. Nothing was recorded; try again shortly."),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request.", bad.Message),
            _ => (500, "Unexpected error.", "The request failed. Nothing was half-recorded: every change is a single atomic append."),
        };
        if (status >= 500) logger.LogError(exception, "Request failed: {Path}", http.Request.Path);
        http.Response.StatusCode = status;
        if (status == 503) http.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
