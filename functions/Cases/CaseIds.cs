namespace Opsg.Functions.Cases;

/// <summary>What a case id can be: 32 characters, a GUID's hex digits or "c" and 31 of an Idempotency-Key's hash.</summary>
public static class CaseIds
{
    public const int MaxLength = 32;
}
