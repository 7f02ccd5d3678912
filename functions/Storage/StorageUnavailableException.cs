namespace Opsg.Functions.Storage;

/// <summary>Storage did not answer (down, frozen, too slow); the HTTP layer turns this into 503 problem details with Retry-After.</summary>
public class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Storage stopped answering while an append was on its way: it may have been written, or may still be once storage
/// wakes up (a frozen server works through what it had received). Nobody can say yet; the append's Idempotency-Key
/// row decides later, as only one append can ever add it. <see cref="AppendedOnto"/> is the version it was decided on.
/// </summary>
public sealed class StorageOutcomeUnknownException(string message, Exception inner, string caseId, long appendedOnto)
    : StorageUnavailableException(message, inner)
{
    public string CaseId { get; } = caseId;
    public long AppendedOnto { get; } = appendedOnto;
}
