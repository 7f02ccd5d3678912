using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Opsg.Functions.Reports;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>DELETE /api/cases/{id}: honours If-Match, and leaves nothing of the case behind.</summary>
public sealed class PurgeTests(PurgeTests.App fixture) : IClassFixture<PurgeTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");

    /// <summary>A case with an evidence file, an action raised with an Idempotency-Key, a rendered Panel report, a link and one opening of it.</summary>
    private async Task<string> CaseOwningEverythingAsync()
    {
        var dcc = _app.ClientAs("Dcc");
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, dcc);
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(EvidenceDocuments.PdfDocument());
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "file", FileNameStar = "bcdr-plan.pdf" };
        form.Add(file);
        form.Add(new StringContent("1,2,9"), "supportsLscs");
        await dcc.PostAsync($"/api/cases/{caseId}/evidence", form).ExpectAsync(HttpStatusCode.Created);
        await ReviewRecording.RecordMeetingAsync(_secas, _app.ClientAs("Tag"), caseId);
        using var keyedRaise = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/actions")
        {
            Content = JsonContent.Create(new { text = "Confirm the cut-over date with SECAS.", owner = "DCC" }),
        };
        keyedRaise.Headers.TryAddWithoutValidation("Idempotency-Key", "raise-" + caseId);
        await _secas.SendAsync(keyedRaise).ExpectAsync(HttpStatusCode.Created);
        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.PanelReport);
        var link = await _secas.PostJson($"/api/cases/{caseId}/links", new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(7) })
            .ExpectAsync(HttpStatusCode.Created);
        using var anonymous = _app.ClientAs(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link.Text("url"))).StatusCode);
        return caseId;
    }

    private async Task<IReadOnlyList<string>> LeftOfAsync(string caseId)
    {
        var blobs = _app.Service<BlobStore>();
        var left = new List<string>();
        foreach (var area in new[] { BlobArea.Reports, BlobArea.Evidence })
            left.AddRange((await blobs.ListAsync(area, caseId + "/", default)).Select(name => $"{area}:{name}"));
        left.AddRange((await LinkRows.ReadAsync(_app)).Where(row => row.Contains(caseId, StringComparison.Ordinal)).Select(row => "link:" + row));
        left.AddRange((await _app.Service<LinkAccessLog>().ReadAsync(caseId, default)).Select(a => "access:" + a.LinkId));
        await foreach (var row in _app.Service<StorageAccount>().Meetings.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CaseId eq {caseId}")))
            left.Add("meeting:" + row.RowKey);
        left.AddRange((await _app.HistoryAsync(caseId)).Select(e => "event:" + e.Sequence));
        return left;
    }

    [Fact]
    public async Task GivenACaseOwningFilesLinksAndAnAccessLog_WhenPurged_ThenNothingOfItIsLeft()
    {
        var caseId = await CaseOwningEverythingAsync();
        var before = await LeftOfAsync(caseId);
        Assert.Contains(before, item => item.StartsWith("Evidence:", StringComparison.Ordinal));
        Assert.Contains(before, item => item.StartsWith("Reports:", StringComparison.Ordinal));
        Assert.Equal(2, before.Count(item => item.StartsWith("link:", StringComparison.Ordinal)));
        Assert.Single(before, item => item.StartsWith("meeting:reserved-", StringComparison.Ordinal));

        await _secas.DeleteAsync($"/api/cases/{caseId}").ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(await LeftOfAsync(caseId));
        Assert.Equal(HttpStatusCode.NotFound, (await _secas.GetAsync($"/api/cases/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task GivenAStaleIfMatch_WhenPurged_ThenPreconditionFailedAndTheCaseUntouched()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        var current = (await _secas.GetAsync($"/api/cases/{caseId}")).Headers.ETag!.ToString();
        var before = await LeftOfAsync(caseId);

        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/cases/{caseId}");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"999\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _secas.SendAsync(stale)).StatusCode);
        Assert.Equal(before, await LeftOfAsync(caseId));
        Assert.NotEqual(HttpStatusCode.NotFound, (await _secas.GetAsync($"/api/cases/{caseId}")).StatusCode);

        using var fresh = new HttpRequestMessage(HttpMethod.Delete, $"/api/cases/{caseId}");
        fresh.Headers.TryAddWithoutValidation("If-Match", current);
        Assert.Equal(HttpStatusCode.OK, (await _secas.SendAsync(fresh)).StatusCode);
        Assert.Empty(await LeftOfAsync(caseId));
    }
}
