using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Orchestration;

/// <summary>GET /api/cases: Durable's instance-query filters, answered from the record's header rows.</summary>
public static class CaseListing
{
    /// <summary>As many as there are runtime statuses: naming one twice filters nothing more.</summary>
    public static readonly int MaxStatuses = Enum.GetValues<RuntimeStatus>().Length;

    public static (CaseQuery? Query, Rejection? Rejection) Parse(HttpRequest request)
    {
        var v = new Validator();
        var q = request.Query;
        var from = Time(v, q["createdTimeFrom"], "createdTimeFrom");
        var to = Time(v, q["createdTimeTo"], "createdTimeTo");
        // Bounded here, not by storage: a filter too long for one storage request made storage refuse it (431) and
        // the app answer 500. Each status is asked once however often it is named, so the filter stays small.
        var named = q["runtimeStatus"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        v.Check(named.Length <= MaxStatuses, "runtimeStatus", $"At most {MaxStatuses} statuses, separated by commas.");
        var statuses = named.Length > MaxStatuses ? [] : named
            .Select(s => v.Enum<RuntimeStatus>(s, "runtimeStatus", asDeclared: true).ToString()).Distinct(StringComparer.Ordinal).ToList();
        int? top = null;
        if (!string.IsNullOrEmpty(q["top"]))
        {
            top = int.TryParse(q["top"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0;
            v.Check(top is >= 1 and <= 1000, "top", "Between 1 and 1000.");
        }
        string? prefix = q["instanceIdPrefix"];
        v.Check((prefix?.Length ?? 0) <= CaseIds.MaxLength, "instanceIdPrefix", $"At most {CaseIds.MaxLength} characters: no case id is longer.");
        var continuation = request.Headers["x-ms-continuation-token"].ToString();
        var query = new CaseQuery(from, to, statuses, prefix, top ?? 100, string.IsNullOrEmpty(continuation) ? null : continuation);
        v.Check(string.IsNullOrEmpty(continuation) || ContinuationTokens.Decode(continuation, query.Scope) is not null, "x-ms-continuation-token",
            "Send back the token a previous page of the same query returned, unchanged.");
        return v.ToRejection() is { } rejection ? (null, rejection) : (query, null);
    }

    public static object Row(CaseHeader h) => new
    {
        name = CaseStatusView.OrchestrationName,
        instanceId = h.CaseId,
        runtimeStatus = h.RuntimeStatus,
        customStatus = h.CustomStatus,
        title = h.Name,
        createdTime = h.CreatedTime,
        lastUpdatedTime = h.LastUpdatedTime,
        version = h.Version,
    };

    private static DateTimeOffset? Time(Validator v, string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var ok = DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time);
        v.Check(ok, field, "An ISO 8601 date and time, e.g. 2020-02-28T12:30:00Z.");
        return ok ? time : null;
    }
}
