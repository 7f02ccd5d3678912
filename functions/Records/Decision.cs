namespace Opsg.Functions.Records;

/// <summary>Why a command was refused, in the terms the HTTP layer turns into RFC 9457 problem details.</summary>
public sealed record Rejection(int Status, string Title, string Detail, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Rejection Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(400, "The request is not valid.", "One or more fields are invalid; nothing was recorded.", errors);

    public static Rejection Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static Rejection OutOfOrder(string detail) => new(409, "This step is not possible now.", detail);

    /// <summary>An Idempotency-Key sent again with anything other than the request it was first used for.</summary>
    public static readonly Rejection KeyReused = new(422, "Idempotency key reused.", "This Idempotency-Key was already used with a different request.");
}

/// <summary>The outcome of deciding a command: the events to record, or why none will be.</summary>
public sealed record Decision(IReadOnlyList<RecordEvent> Events, Rejection? Rejection)
{
    public static Decision Accept(params RecordEvent[] events) => new(events, null);
    public static Decision Accept(IReadOnlyList<RecordEvent> events) => new(events, null);
    public static Decision Reject(Rejection rejection) => new([], rejection);
    public static implicit operator Decision(Rejection rejection) => Reject(rejection);

    public bool IsAccepted => Rejection is null;
}
