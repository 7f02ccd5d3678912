namespace Opsg.Functions.Storage;

/// <summary>Storage did not answer (down, frozen, too slow); the HTTP layer turns this into 503 problem details with Retry-After.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
