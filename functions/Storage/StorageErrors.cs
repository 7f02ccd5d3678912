using System.Net;
using Azure;

namespace Opsg.Functions.Storage;

/// <summary>Which storage failures are answers (a conflict, nothing there) and which mean storage did not answer at all.</summary>
internal static class StorageErrors
{
    public static bool IsConflict(this RequestFailedException ex) =>
        ex.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed;

    public static bool IsNotFound(this RequestFailedException ex) => ex.Status == (int)HttpStatusCode.NotFound;

    /// <summary>
    /// Storage did not answer: no HTTP status (refused, reset), a server error or throttling, a
    /// timeout (the SDK's network timeout or our call budget: a cancellation the caller did not ask
    /// for), or every try of a retried call failing that way (the SDK then throws them together).
    /// </summary>
    public static bool MeansUnavailable(Exception exception, CancellationToken caller) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or >= 500 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests,
        OperationCanceledException => !caller.IsCancellationRequested,
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(e => MeansUnavailable(e, caller)),
        TimeoutException or HttpRequestException or IOException => true,
        _ => false,
    };

    /// <summary>
    /// Every try failed before a byte of the request could reach storage: the connection was refused or the host
    /// could not be found or reached (storage stopped, not frozen). Only then is a failed write known not to have
    /// happened; a timeout, a reset or a 5xx may come after storage received it.
    /// </summary>
    public static bool NeverReachedStorage(Exception? exception) => exception switch
    {
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(NeverReachedStorage),
        RequestFailedException { Status: 0 } failed => NeverReachedStorage(failed.InnerException),
        StorageUnavailableException unavailable => NeverReachedStorage(unavailable.InnerException),
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => true,
        HttpRequestException http => http.InnerException is System.Net.Sockets.SocketException socket ? Refused(socket)
            : http.HttpRequestError == HttpRequestError.ConnectionError && http.InnerException is null,
        System.Net.Sockets.SocketException socket => Refused(socket),
        _ => false,
    };

    private static bool Refused(System.Net.Sockets.SocketException socket) => socket.SocketErrorCode is
        System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostNotFound
        or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable;
}
