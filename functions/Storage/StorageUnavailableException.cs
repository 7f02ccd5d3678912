namespace Opsg.Functions.Storage;

/// <summary>Storage did not answer; the HTTP layer turns this into 503 problem details.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
