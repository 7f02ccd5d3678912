using System.Net;
using System.Security.Cryptography;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Reports;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Tests.Fixtures.Reports;

namespace Opsg.Functions.Tests.Reports;

/// <summary>SECAS triggers documents; the RenderReport activity writes them to Blob; notes make new versions.</summary>
public sealed class ReportGenerationTests(ReportGenerationTests.App fixture) : IClassFixture<ReportGenerationTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");

    [Theory]
    [InlineData(ReportKinds.DraftMinutes)]
    [InlineData(ReportKinds.PanelReport)]
    [InlineData(ReportKinds.ActionsRegister)]
    public async Task GivenNoMeetingYet_WhenSecasRequestsAMeetingDocument_Then409AndNothingIsRecorded(string kind)
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        await _secas.WaitForAsync(caseId, s => s["reports"]!.AsArray().Count == 1);
        var before = await _app.Service<HistoryTable>().ReadAsync(caseId, default);

        var response = await _secas.PostJson($"/api/cases/{caseId}/reports", new { kinds = new[] { kind } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("meeting", (await response.Json_())["detail"]!.GetValue<string>());
        var after = await _app.Service<HistoryTable>().ReadAsync(caseId, default);
        Assert.Equal(before.Events.Count, after.Events.Count);
    }

    [Fact]
    public async Task GivenAnUnknownKind_WhenRequested_Then400NamingIt()
    {
        var caseId = await _secas.OpenCaseAsync();
        var response = await _secas.PostJson($"/api/cases/{caseId}/reports", new { kinds = new[] { "panel-report", "gossip" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("gossip", (await response.Json_())["errors"]!["kinds"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task GivenTheMeeting_WhenSecasRequestsTheDocuments_ThenEachIsInBlobWithItsMetadataAndReproducibleFromTheHistory()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(_secas, _app.ClientAs("Tag"), caseId);

        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.DraftMinutes, ReportKinds.PanelReport, ReportKinds.ActionsRegister);

        var history = await _app.Service<CaseStore>().LoadHistoryAsync(caseId, default);
        var state = CaseRecord.Fold(caseId, history);
        var renderer = _app.Service<ReportRenderer>();
        foreach (var kind in new[] { ReportKinds.DraftMinutes, ReportKinds.PanelReport, ReportKinds.ActionsRegister })
        {
            var rendered = state.Reports.Single(r => r.Kind == kind);
            Assert.Equal($"{caseId}/{kind}/v1.html", rendered.BlobName);
            var blob = (await _app.Service<BlobStore>().GetPropertiesAsync(BlobArea.Reports, rendered.BlobName, default))!;
            var bytes = (await _app.Service<BlobStore>().ReadAsync(BlobArea.Reports, rendered.BlobName, default))!;
            Assert.Equal("text/html; charset=utf-8", blob.ContentType);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), blob.Metadata["sha256"]);
            Assert.Equal(renderer.TemplateHash, blob.Metadata["templatehash"]);
            Assert.Equal(rendered.RenderedFromSequence.ToString(System.Globalization.CultureInfo.InvariantCulture), blob.Metadata["historysequence"]);
            Assert.Equal(history.Single(e => e.Sequence == rendered.RenderedFromSequence).ChainHash, blob.Metadata["headhash"]);
            // Same history, same templates: the stored bytes are exactly what rendering the history again gives.
            var again = renderer.Render(kind, CaseRecord.Fold(caseId, history.TakeWhile(e => e.Sequence <= rendered.RenderedFromSequence)));
            Assert.Equal(bytes, System.Text.Encoding.UTF8.GetBytes(again));
        }

        var panel = Parse(await _secas.GetStringAsync($"/api/cases/{caseId}/reports/panel-report/v1"));
        Assert.Equal("Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 2, 3 and 9.",
            panel.QuerySelector("[data-field=recommendation]").Text());
        Assert.Equal("ReportedToPanel", (await _secas.WaitForAsync(caseId, _ => true))["customStatus"]!.GetValue<string>());
    }

    /// <summary>
    /// The record's hash chain against edits made behind the app's back, straight in the history table: verify names
    /// the row whose body changed, then (that edit undone) the row deleted.
    /// </summary>
    [Fact]
    public async Task GivenARecordedCase_WhenARowIsEditedThenDeletedInStorage_ThenVerifyNamesTheSequence()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(_secas, _app.ClientAs("Tag"), caseId);
        var intact = await _secas.GetAsync($"/api/cases/{caseId}/verify").ExpectAsync(HttpStatusCode.OK);
        var history = await _app.Service<CaseStore>().LoadHistoryAsync(caseId, default);
        Assert.True(intact["intact"]!.GetValue<bool>(), intact["reason"]!.GetValue<string>());
        Assert.Equal((history.Count, history[^1].ChainHash), (intact["events"]!.GetValue<int>(), intact["headHash"]!.GetValue<string>()));
        Assert.Null(intact["firstBrokenSequence"]);

        var table = _app.Service<StorageAccount>().History;
        var row = (await table.GetEntityAsync<Azure.Data.Tables.TableEntity>(caseId, HistoryTable.RowKey(2))).Value;
        var original = row.GetString("Payload");
        row["Payload"] = original.Insert(1, "\"edited\":true,");
        await table.UpdateEntityAsync(row, Azure.ETag.All);
        var edited = await _secas.GetAsync($"/api/cases/{caseId}/verify").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((false, 2L), (edited["intact"]!.GetValue<bool>(), edited["firstBrokenSequence"]!.GetValue<long>()));
        Assert.Contains("changed", edited["reason"]!.GetValue<string>());

        row["Payload"] = original;
        await table.UpdateEntityAsync(row, Azure.ETag.All);
        await table.DeleteEntityAsync(caseId, HistoryTable.RowKey(4));
        var deleted = await _secas.GetAsync($"/api/cases/{caseId}/verify").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((false, 4L), (deleted["intact"]!.GetValue<bool>(), deleted["firstBrokenSequence"]!.GetValue<long>()));
        Assert.Contains("Sequence 4 is missing", deleted["reason"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ClientAs("OpsgMember").GetAsync($"/api/cases/{caseId}/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _secas.GetAsync("/api/cases/no-such-case/verify")).StatusCode);
    }

    [Fact]
    public async Task GivenIssuedDocuments_WhenAPostMeetingNoteIsAdded_ThenEachGetsANewVersionAndTheChangesSayWhatIsNew()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(_secas, _app.ClientAs("Tag"), caseId);
        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.DraftMinutes, ReportKinds.PanelReport);

        await ReviewRecording.AddNoteAsync(_secas, caseId, ReviewRecording.Lsc2Discharged);

        await _secas.WaitForAsync(caseId, s => ReviewRecording.HasReport(s, ReportKinds.PanelReport, 2) && ReviewRecording.HasReport(s, ReportKinds.DraftMinutes, 2));
        var status = await _secas.WaitForAsync(caseId, _ => true);
        Assert.False(ReviewRecording.HasReport(status, ReportKinds.ActionsRegister, 1), "a document never issued is not issued by a note");

        var v2 = Parse(await _secas.GetStringAsync($"/api/cases/{caseId}/reports/panel-report/v2"));
        Assert.Equal("true", v2.QuerySelector("#conditions li[data-lsc='2']")!.GetAttribute("data-discharged"));

        var changes = await (await _app.ClientAs("OpsgMember").GetAsync($"/api/cases/{caseId}/reports/panel-report/changes?from=1&to=2")).Json_();
        var texts = changes["changes"]!.AsArray().Select(c => c!["text"]!.GetValue<string>()).ToList();
        Assert.Contains("LSC 2: the OPSG's condition discharged.", texts);
        Assert.Contains("Post-meeting note PMN-1 added.", texts); // undated, as in the seed
        Assert.Contains(texts, t => t.StartsWith("Recommendation changed: now “Update the Eligible Products Combination List with the MDS DMC, subject to the OPSG's conditions on LSCs 3 and 9.”", StringComparison.Ordinal));
        Assert.Equal(1, changes["from"]!["version"]!.GetValue<int>());
        Assert.Equal(2, changes["to"]!["version"]!.GetValue<int>());

        var missing = await _secas.GetAsync($"/api/cases/{caseId}/reports/panel-report/changes?from=1&to=9");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var noRange = await _secas.GetAsync($"/api/cases/{caseId}/reports/panel-report/changes");
        Assert.Equal(HttpStatusCode.BadRequest, noRange.StatusCode);
    }

    [Fact]
    public async Task GivenTheActionsRegisterIssued_WhenANoteDischargesACondition_ThenNoNewRegisterVersionIsIssued()
    {
        // The register shows actions, not conditions: a v2 would be a byte-for-byte copy of v1.
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(_secas, _app.ClientAs("Tag"), caseId);
        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.DraftMinutes, ReportKinds.PanelReport, ReportKinds.ActionsRegister);

        await ReviewRecording.AddNoteAsync(_secas, caseId, ReviewRecording.Lsc2Discharged);

        var status = await _secas.WaitForAsync(caseId, s => ReviewRecording.HasReport(s, ReportKinds.PanelReport, 2) && ReviewRecording.HasReport(s, ReportKinds.DraftMinutes, 2));
        Assert.DoesNotContain(status["reports"]!.AsArray(), r => r!["kind"]!.GetValue<string>() == ReportKinds.ActionsRegister && r["version"]!.GetValue<int>() > 1);
        var state = await _app.Service<CaseStore>().LoadAsync(caseId, default);
        Assert.Single(state.Activities.Values, a => a.Scheduled.ReportKind == ReportKinds.ActionsRegister);
        Assert.Equal(HttpStatusCode.NotFound, (await _secas.GetAsync($"/api/cases/{caseId}/reports/actions-register/v2")).StatusCode);
    }
}
