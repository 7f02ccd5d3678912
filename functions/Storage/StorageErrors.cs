using System.Net;
using Microsoft.WindowsAzure.Storage;

namespace Opsg.Functions.Storage;

internal static class StorageErrors
{
    public static int Status(this StorageException ex) => ex.RequestInformation?.HttpStatusCode ?? 0;

    public static bool IsConflict(this StorageException ex) =>
        ex.Status() is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed;

    public static bool IsNotFound(this StorageException ex) => ex.Status() == (int)HttpStatusCode.NotFound;

    /// <summary>No HTTP status at all means the request never got an answer: storage is unreachable.</summary>
    public static bool IsUnreachable(this StorageException ex) => ex.Status() == 0 || ex.Status() >= 500;

    public static async Task<T> Guard<T>(Func<Task<T>> call)
    {
        try { return await call(); }
        catch (StorageException ex) when (ex.IsUnreachable()) { throw new StorageUnavailableException("Storage did not answer.", ex); }
    }

    public static async Task Guard(Func<Task> call)
    {
        try { await call(); }
        catch (StorageException ex) when (ex.IsUnreachable()) { throw new StorageUnavailableException("Storage did not answer.", ex); }
    }
}
