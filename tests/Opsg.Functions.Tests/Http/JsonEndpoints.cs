using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>
/// Every JSON endpoint that changes a case, with who calls it, the stage at which seed 002's body for
/// it is accepted, and that body. <see cref="Stage"/> is null for opening a case.
/// </summary>
public sealed record JsonEndpoint(string Name, string Role, string Method, string Route, Stage? Stage, Func<object> Body)
{
    public HttpMethod HttpMethod => new(Method);

    public string Url(string? caseId) => Route.Replace("{id}", caseId ?? "", StringComparison.Ordinal);

    public JsonNode Tree() => RawRequests.Tree(Body());

    public static readonly IReadOnlyList<JsonEndpoint> All =
    [
        new("StartCase", "Secas", "POST", "/api/cases", null, () => Seed002.OpenCase),
        new("SubmitReadiness", "Dcc", "POST", "/api/cases/{id}/submissions", Fixtures.Stage.Opened, () => Seed002.Submission),
        new("OpenReview", "Secas", "POST", "/api/cases/{id}/review", Fixtures.Stage.Submitted, () => Seed002Review.OpenReview),
        new("RecordMeeting", "Secas", "PUT", "/api/cases/{id}/meeting", Fixtures.Stage.ReviewOpened, () => Seed002Review.Meeting),
        new("AddRisk", "Secas", "POST", "/api/cases/{id}/risks", Fixtures.Stage.MeetingHeld, () => Seed002Review.AddedRisks[0]),
        new("RaiseAction", "Secas", "POST", "/api/cases/{id}/actions", Fixtures.Stage.MeetingHeld,
            () => new { text = "Present the migration pacing strategy at OPSG_30.", owner = "DCC", raisedOn = "2020-02-28", targetDate = "2020-03-24" }),
        new("ReviseActionTarget", "Secas", "POST", "/api/cases/{id}/actions/3/target-revisions", Fixtures.Stage.ActionsRaised,
            () => new { revisedTarget = "2020-04-30", reason = "Telefonica's input arrives in April." }),
        new("NoteActionProgress", "Dcc", "POST", "/api/cases/{id}/actions/3/progress", Fixtures.Stage.ActionsRaised,
            () => new { on = "2020-03-10", text = "A first draft of the BCDR plan is with Telefonica." }),
        new("RecordDecisions", "Secas", "POST", "/api/cases/{id}/decisions", Fixtures.Stage.ActionsRaised, () => Seed002Review.Decisions),
        new("AddPostMeetingNote", "Secas", "POST", "/api/cases/{id}/notes", Fixtures.Stage.Decided, () => Seed002Review.PostMeetingNotes[0]),
        new("AddClarificationNote", "Secas", "POST", "/api/cases/{id}/notes", Fixtures.Stage.Decided, () => Seed002Review.PostMeetingNotes[4]),
        new("RaiseTagView", "Tag", "POST", "/api/cases/{id}/raiseEvent/TagView", Fixtures.Stage.Submitted, () => Seed002Review.TagView),
        new("RaisePanelDecision", "Secas", "POST", "/api/cases/{id}/raiseEvent/PanelDecision", Fixtures.Stage.Submitted, () => Seed002Review.PanelDecision),
        new("RaiseMinutesApproved", "Secas", "POST", "/api/cases/{id}/raiseEvent/MinutesApproved", Fixtures.Stage.MeetingHeld, () => Seed002Review.MinutesApproval),
        new("RequestReports", "Secas", "POST", "/api/cases/{id}/reports", Fixtures.Stage.Decided, () => new { kinds = new[] { "panel-report" } }),
        // A week from now, whenever the body is made: accepted for the not-for-publication seed case.
        new("IssueLink", "Secas", "POST", "/api/cases/{id}/links", Fixtures.Stage.PanelReportIssued,
            () => new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(7) }),
    ];

    public static JsonEndpoint Named(string name) => All.Single(e => e.Name == name);

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var e in All) data.Add(e.Name);
        return data;
    }

    /// <summary>
    /// Every string leaf of a body by its field path (criteria[2].condition), once per shape: in an
    /// array the first element that has the field stands for the rest.
    /// </summary>
    public static IEnumerable<string> StringFields(JsonNode body)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, shape) in Leaves(body, "", ""))
            if (seen.Add(shape)) yield return path;
    }

    private static IEnumerable<(string Path, string Shape)> Leaves(JsonNode? node, string path, string shape)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                    foreach (var leaf in Leaves(child, path.Length == 0 ? name : $"{path}.{name}", shape.Length == 0 ? name : $"{shape}.{name}"))
                        yield return leaf;
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    foreach (var leaf in Leaves(array[i], $"{path}[{i}]", $"{shape}[]"))
                        yield return leaf;
                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                yield return (path, shape);
                break;
        }
    }

    /// <summary>Sets the value at a field path such as attendees[19].role.</summary>
    public static void Set(JsonNode body, string path, JsonNode? value)
    {
        var parts = System.Text.RegularExpressions.Regex.Matches(path, @"[^.\[\]]+|\[\d+\]").Select(m => m.Value).ToList();
        var node = body;
        for (var i = 0; i < parts.Count - 1; i++)
            node = parts[i].StartsWith('[') ? node[int.Parse(parts[i][1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : node[parts[i]]!;
        var last = parts[^1];
        if (last.StartsWith('[')) node[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        else node[last] = value;
    }
}
