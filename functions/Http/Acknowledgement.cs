using System.Text.Json;
using Opsg.Functions.Cases;
using Opsg.Functions.Records;

namespace Opsg.Functions.Http;

/// <summary>
/// The small answer to a recorded command: where the case stands and where to read more. Kept small
/// on purpose: it is stored with the Idempotency-Key, and a table property holds at most 32K characters.
/// </summary>
public sealed record Acknowledgement(string Id, long Version, string RuntimeStatus, string CustomStatus, string StatusQueryGetUri, string ReviewUri)
{
    public static CommandResponse Ok(CaseState state, RecordSummary summary, int statusCode = 200, string? location = null) =>
        new(statusCode, location, JsonSerializer.Serialize(From(state, summary), RecordJson.Options));

    public static Acknowledgement From(CaseState state, RecordSummary summary) => new(
        state.CaseId,
        state.Version,
        summary.RuntimeStatus,
        summary.Stage,
        $"/api/cases/{state.CaseId}",
        $"/api/cases/{state.CaseId}/review");
}
