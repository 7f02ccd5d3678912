using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting.OpenApi;

/// <summary>
/// Sample responses of every route validate against the OpenAPI document: one case is driven through seed
/// 002's timeline over HTTP (and a few requests are refused on purpose), every answer is recorded, and each
/// must be a status the document lists for its operation, with a JSON body that fits the schema it declares.
/// </summary>
public sealed class SampleResponseTests : IClassFixture<SampleResponseTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly ResponseRecorder _recorder = new();
    private readonly HttpClient _secas;
    private readonly HttpClient _dcc;
    private readonly HttpClient _tag;
    private readonly HttpClient _panel;
    private readonly HttpClient _member;
    private readonly HttpClient _anonymous;

    public SampleResponseTests(App fixture)
    {
        _secas = _recorder.ClientAs(fixture.App, "Secas");
        _dcc = _recorder.ClientAs(fixture.App, "Dcc");
        _tag = _recorder.ClientAs(fixture.App, "Tag");
        _panel = _recorder.ClientAs(fixture.App, "Panel");
        _member = _recorder.ClientAs(fixture.App, "OpsgMember");
        _anonymous = _recorder.ClientAs(fixture.App, null);
    }

    [Fact]
    public async Task GivenACaseDrivenThroughItsTimeline_WhenEveryAnswerIsCheckedAgainstTheDocument_ThenEachFitsItsSchema()
    {
        await DriveTimelineAsync();
        await DriveMeetingAsync();
        await RefuseOnPurposeAsync();

        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "OpenApi", "openapi.json")))!;
        var operations = new DocumentedOperations(document);
        var validator = new SchemaValidator(document);
        var exchanges = _recorder.Exchanges;
        var problems = exchanges.SelectMany(e => Check(e, operations, validator).Select(p => $"{e}: {p}")).Distinct().ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // Every documented operation was answered at least once, so none is left unchecked.
        var unanswered = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(op => (Path: p.Key, Method: op.Key)))
            .Where(op => !exchanges.Any(e => e.Method.Equals(op.Method, StringComparison.OrdinalIgnoreCase) && operations.Find(e.Method, e.Path)?.Template == op.Path))
            .Select(op => $"{op.Method.ToUpperInvariant()} {op.Path}").ToList();
        Assert.True(unanswered.Count == 0, "Never answered: " + string.Join(", ", unanswered));
    }

    private static IEnumerable<string> Check(RecordedExchange exchange, DocumentedOperations operations, SchemaValidator validator)
    {
        if (operations.Find(exchange.Method, exchange.Path) is not { Operation: { } operation })
        {
            yield return "no such operation in the document";
            yield break;
        }
        if (operations.Response(operation, exchange.Status) is not { } response)
        {
            yield return $"status {exchange.Status} is not documented";
            yield break;
        }
        var isJson = exchange.MediaType is "application/json" or "application/problem+json";
        var content = response["content"]?.AsObject();
        var declared = content?.FirstOrDefault(c => c.Key.Split(';')[0].Trim() == exchange.MediaType).Value;
        if (exchange.Body.Length > 0 && declared is null)
        {
            yield return $"a {exchange.MediaType} body is answered but the document declares {(content is null ? "no body" : string.Join(", ", content.Select(c => c.Key)))}";
            yield break;
        }
        if (!isJson || declared?["schema"] is not { } schema) yield break;
        foreach (var error in validator.Errors(JsonNode.Parse(exchange.Body), schema)) yield return error;
    }

    private async Task DriveTimelineAsync()
    {
        await _anonymous.GetAsync("/api/health");
        await _anonymous.GetAsync("/api/openapi/v1.json");
        var caseId = await _secas.OpenCaseAsync();
        await _secas.GetAsync($"/api/cases/{caseId}");
        await _dcc.PostJson($"/api/cases/{caseId}/submissions", Seed002.Submission).ExpectAsync(HttpStatusCode.Accepted);
        await _secas.WaitForAsync(caseId, s => ReviewRecording.HasReport(s, "readiness-pack", 1));

        var evidence = new MultipartFormDataContent { { new ByteArrayContent(EvidenceDocuments.PdfDocument()), "file", "bcdr.pdf" }, { new StringContent("9"), "supportsLscs" } };
        var uploaded = await _dcc.PostAsync($"/api/cases/{caseId}/evidence", evidence);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        await _secas.GetAsync(uploaded.Headers.Location);

        await ReviewRecording.RecordMeetingAsync(_secas, _tag, caseId);
        await _dcc.PostJson($"/api/cases/{caseId}/actions/1/progress", new { on = "2020-03-02", text = "Plan drafted." }).ExpectAsync(HttpStatusCode.OK);
        await _secas.PostJson($"/api/cases/{caseId}/actions/1/target-revisions", new { revisedTarget = "2020-04-30", reason = "Supplier input late." }).ExpectAsync(HttpStatusCode.OK);
        await _member.GetAsync($"/api/cases/{caseId}/actions/1");
        await _member.GetAsync($"/api/cases/{caseId}/review");

        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, "draft-minutes", "panel-report", "actions-register");
        await ReviewRecording.AddNoteAsync(_secas, caseId, ReviewRecording.Lsc2Discharged);
        await _secas.WaitForAsync(caseId, s => ReviewRecording.HasReport(s, "panel-report", 2));
        await _member.GetAsync($"/api/cases/{caseId}/reports/panel-report/v2");
        await _member.GetAsync($"/api/cases/{caseId}/reports/panel-report/changes?from=1&to=2");
        await _secas.GetAsync("/api/actions-register?includeClosed=true");

        var link = await _secas.PostJson($"/api/cases/{caseId}/links", new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(14) }).ExpectAsync(HttpStatusCode.Created);
        await _anonymous.GetAsync(link.Text("url"));
        await _secas.GetAsync($"/api/cases/{caseId}/link-accesses");
        await _panel.GetAsync($"/api/panel/cases/{caseId}/panel-report/v{link["reportVersion"]!.GetValue<int>()}");
        await _panel.PostJson($"/api/cases/{caseId}/raiseEvent/PanelDecision", Seed002Review.PanelDecision);
        await _secas.PostJson($"/api/cases/{caseId}/raiseEvent/MinutesApproved", Seed002Review.MinutesApproval);
        await _secas.DeleteAsync(link.Text("revokeDeleteUri"));
        await _secas.GetAsync($"/api/cases/{caseId}?showHistory=true");
        Assert.True((await _secas.GetAsync($"/api/cases/{caseId}/verify").ExpectAsync(HttpStatusCode.OK))["intact"]!.GetValue<bool>());
        await _secas.GetAsync("/api/cases/no-such-case/verify");                                                                  // 404
        await _secas.GetAsync("/api/cases?top=1");
        await _secas.PostJson($"/api/cases/{caseId}/panel-mailings", new { recipients = new[] { new { name = "Panel chair", address = $"chair-{Guid.NewGuid():N}@example.org" } } });

        var other = await _secas.OpenCaseAsync();
        await _secas.PostAsync($"/api/cases/{other}/rewind", null);
        await _secas.PostAsync($"/api/cases/{other}/terminate?reason=Withdrawn", null);
        await _secas.PurgeAsync(other);
    }

    /// <summary>One refusal of each kind, so the problem answers are checked too.</summary>
    /// <summary>Two meetings: the later one minuted briefly, approving the earlier one's minutes, and its minutes read back.</summary>
    private async Task DriveMeetingAsync()
    {
        await _secas.PostJson("/api/meetings", Seed004Meeting.PreviousMeeting).ExpectAsync(HttpStatusCode.Created);
        // The previous meeting's minutes are drafted too, so that once approved below they are final and can be shared by link.
        const string previous = "/api/meetings/" + Seed004Meeting.Previous;
        await _secas.PostJson(previous + "/items", new { number = 1, title = "Apologies and introductions" }).ExpectAsync(HttpStatusCode.Created);
        await _secas.PostAsync(previous + "/minutes", null).ExpectAsync(HttpStatusCode.Accepted);
        await _secas.PostJson("/api/meetings", Seed004Meeting.Meeting).ExpectAsync(HttpStatusCode.Created);
        const string meeting = "/api/meetings/" + Seed004Meeting.Id;
        // Moved and moved back before anything is minuted; then, once minuted, a move is refused (409).
        await _secas.PutJson(meeting + "/schedule", new { date = "2019-10-08", startTime = "10:00", endTime = "17:00", teleconference = true }).ExpectAsync(HttpStatusCode.OK);
        await _secas.PutJson(meeting + "/schedule", new { date = "2019-10-01", startTime = "10:00", endTime = "17:00", venue = "Gemserv, 8 Fenchurch Place, London, EC3M 4AJ", nextMeetingDate = "2019-11-05" }).ExpectAsync(HttpStatusCode.OK);
        await _secas.PutJson(meeting + "/attendance", Seed004Meeting.Attendance).ExpectAsync(HttpStatusCode.OK);
        await _secas.PutJson(meeting + "/schedule", new { date = "2019-10-08", startTime = "10:00", endTime = "17:00", teleconference = true });
        // A meeting created under the wrong number is cancelled, reinstated by mistake and cancelled again, and read back;
        // the minuted one cannot be cancelled (409), nor without a reason (400), and no unknown one reinstated (404).
        await _secas.PostJson("/api/meetings", new { meetingId = "OPSG_250", kind = "ordinary", date = "2019-10-15", startTime = "10:00", endTime = "17:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson("/api/meetings/OPSG_250/cancel", new { reason = "Created under the wrong number: OPSG 25 was meant." }).ExpectAsync(HttpStatusCode.OK);
        await _secas.PostJson("/api/meetings/OPSG_250/reinstate", new { reason = "Taken for another meeting's cancellation." }).ExpectAsync(HttpStatusCode.OK);
        await _secas.PostJson("/api/meetings/OPSG_250/cancel", new { reason = "Created under the wrong number: OPSG 25 was meant." }).ExpectAsync(HttpStatusCode.OK);
        await _secas.PostJson("/api/meetings/OPSG_251/reinstate", new { reason = "Cancelled in error." });
        var offAgain = await _member.GetAsync("/api/meetings/OPSG_250?showHistory=true").ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull(offAgain["cancelled"]);
        Assert.NotNull(offAgain["reinstated"]);
        Assert.NotNull(offAgain["historyEvents"]);
        await _secas.PostJson(meeting + "/cancel", new { reason = "No business." });
        await _secas.PostJson(meeting + "/cancel", new { });
        var item = Seed004Meeting.Items[3];
        await _secas.PostJson(meeting + "/items", new { number = item.Number, title = item.Title, narrative = item.Narrative }).ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"{meeting}/items/{item.Number}/outcomes", item.Outcomes[0]).ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"{meeting}/items/{item.Number}/actions", new { text = item.Actions[0], owner = "SECAS", target = "2019-11-05" }).ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson(meeting + "/notes", Seed004Meeting.Notes[0]).ExpectAsync(HttpStatusCode.OK);
        await _secas.PostJson(meeting + "/imported-actions", Seed004Meeting.Imported[2]).ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"{meeting}/items/{item.Number}/action-reviews", Seed004Meeting.Reviews[2]).ExpectAsync(HttpStatusCode.Created);
        await _member.GetAsync(meeting + "/actions-outstanding").ExpectAsync(HttpStatusCode.OK);
        await _member.GetAsync("/api/meetings/OPSG_23/actions/5").ExpectAsync(HttpStatusCode.OK);
        await _secas.PostJson($"{meeting}/items/{item.Number}/outcomes/1/issues-log", new { change = "added", title = "Aged incidents" });
        var issues = new HttpRequestMessage(HttpMethod.Get, "/api/issues-log?asOf=2019-10-01");
        issues.Headers.Accept.ParseAdd("application/json");
        await _member.SendAsync(issues).ExpectAsync(HttpStatusCode.OK);
        await _member.GetAsync("/api/issues-log");
        var register = new HttpRequestMessage(HttpMethod.Get, "/api/actions-register?asOf=2019-09-30");
        register.Headers.Accept.ParseAdd("application/json");
        Assert.NotEmpty((await _secas.SendAsync(register).ExpectAsync(HttpStatusCode.OK))["meetingActions"]!.AsArray());
        Assert.NotEmpty((await _member.GetAsync("/api/meetings?from=2019-09-01&to=2019-10-31").ExpectAsync(HttpStatusCode.OK)).AsArray());
        await _member.GetAsync("/api/meetings?from=2019-10-31&to=2019-09-01");   // 400: the range ends before it starts
        await _secas.PostJson(meeting + "/previous-minutes", new { meetingId = Seed004Meeting.Previous }).ExpectAsync(HttpStatusCode.Accepted);
        await _secas.PostAsync(meeting + "/minutes", null).ExpectAsync(HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonNode view;
        do view = await _secas.GetAsync(meeting).ExpectAsync(HttpStatusCode.OK);
        while (view["minutes"]!.AsArray().Count == 0 && DateTime.UtcNow < deadline && await Delay());
        await _member.GetAsync(view["minutes"]![0]!["url"]!.GetValue<string>());
        await _secas.PostJson(meeting + "/notes", new { item = item.Number, text = "The report was revised as agreed." }).ExpectAsync(HttpStatusCode.OK);
        do view = await _secas.GetAsync(meeting).ExpectAsync(HttpStatusCode.OK);
        while (view["minutes"]!.AsArray().Count < 2 && DateTime.UtcNow < deadline.AddSeconds(30) && await Delay());
        await _member.GetAsync(meeting + "/minutes/changes?from=1&to=2");
        do view = await _secas.GetAsync(previous).ExpectAsync(HttpStatusCode.OK);
        while (!view["minutes"]!.AsArray().Any(m => m!["final"]!.GetValue<bool>()) && DateTime.UtcNow < deadline.AddSeconds(60) && await Delay());
        var link = await _secas.PostJson(previous + "/links", new { expiresAt = DateTimeOffset.UtcNow.AddDays(30) }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(link.Text("url"))).StatusCode);
        await _secas.DeleteAsync(link.Text("revokeDeleteUri")).ExpectAsync(HttpStatusCode.OK);
        await _secas.GetAsync(previous + "/links").ExpectAsync(HttpStatusCode.OK);
        await _secas.GetAsync(previous + "/link-accesses").ExpectAsync(HttpStatusCode.OK);
        await _secas.PostJson(meeting + "/links", new { expiresAt = DateTimeOffset.UtcNow.AddDays(30) });    // 409: draft
        Assert.True((await _secas.GetAsync(meeting + "/verify").ExpectAsync(HttpStatusCode.OK))["intact"]!.GetValue<bool>());
        await _secas.PostJson($"{meeting}/items/99/outcomes", new { verb = "noted", text = "x" });    // 404
        await _secas.PostJson(meeting + "/items", new { number = item.Number, title = "Again" });      // 409
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(100);
        return true;
    }

    private async Task RefuseOnPurposeAsync()
    {
        var caseId = await _secas.OpenCaseAsync();
        await _dcc.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/submissions", "{\"subject\":");                         // 400
        await _anonymous.GetAsync($"/api/cases/{caseId}/review");                                                             // 401
        await _dcc.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview);                                         // 403
        await _secas.GetAsync("/api/cases/no-such-case/review");                                                               // 404
        await _secas.PostJson($"/api/cases/{caseId}/actions", new { text = "Too early.", owner = "DCC" });                    // 409
        await _dcc.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/submissions", System.Text.Json.JsonSerializer.Serialize(Seed002.Submission, Fixtures.Http.Json), "application/json",
            new Dictionary<string, string> { ["If-Match"] = "\"99\"" });                                                    // 412
        await _dcc.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/submissions", new string('x', 1_100_000));                  // 413
        await _dcc.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/submissions", "subject", "text/plain");                     // 415
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = "sample-" + Guid.NewGuid().ToString("N") };
        await _secas.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/terminate?reason=first", "", null, key);
        await _secas.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/terminate?reason=second", "", null, key);                // 422
        using var badToken = new HttpRequestMessage(HttpMethod.Get, "/api/cases?top=1");
        badToken.Headers.TryAddWithoutValidation("x-ms-continuation-token", "not a token");
        await _secas.SendAsync(badToken);                                                                                       // 400 on a GET
        await _anonymous.GetAsync("/api/links/not-a-token");                                                                  // 404 of a link
        await _panel.PostAsJsonAsync($"/api/cases/{caseId}/raiseEvent/PanelDecision", new { outcome = "maybe" });             // 400 enum
        await _secas.DeleteAsync($"/api/cases/{caseId}");                                                                      // 428
    }
}
