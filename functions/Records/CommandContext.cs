namespace Opsg.Functions.Records;

/// <summary>Who asks, when, and under which conditions. Time comes in here, never from a clock in the domain.</summary>
public sealed record CommandContext(
    Actor Actor,
    DateTimeOffset Now,
    long? ExpectedVersion = null,
    IdempotencyRequest? Idempotency = null);

/// <summary>The client's Idempotency-Key (hashed) and a hash of what it sent with it.</summary>
public sealed record IdempotencyRequest(string KeyHash, string RequestHash);

/// <summary>What the HTTP layer answers after a command, stored with the idempotency key so a repeat gets the same.</summary>
public sealed record CommandResponse(int StatusCode, string? Location, string Body);
