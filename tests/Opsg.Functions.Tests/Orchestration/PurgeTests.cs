using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Opsg.Functions.Reports;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>
/// DELETE /api/cases/{id}: requires If-Match, deletes the record only at the version checked, leaves nothing of the
/// case behind but a tombstone, in a table no purge touches, saying who purged which version of it and when.
/// </summary>
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
    public async Task GivenACaseOwningFilesLinksAndAnAccessLog_WhenPurged_ThenNothingOfItIsLeft_ButATombstone()
    {
        var caseId = await CaseOwningEverythingAsync();
        var before = await LeftOfAsync(caseId);
        Assert.Contains(before, item => item.StartsWith("Evidence:", StringComparison.Ordinal));
        Assert.Contains(before, item => item.StartsWith("Reports:", StringComparison.Ordinal));
        Assert.Equal(2, before.Count(item => item.StartsWith("link:", StringComparison.Ordinal)));
        Assert.Single(before, item => item.StartsWith("meeting:reserved-", StringComparison.Ordinal));
        await _app.UntilSettledAsync([caseId]);
        var record = (await _app.Service<HistoryTable>().ReadWholeAsync(caseId, default))!;
        var asked = DateTimeOffset.UtcNow;

        await _secas.PurgeAsync(caseId).ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(await LeftOfAsync(caseId));
        Assert.Equal(HttpStatusCode.NotFound, (await _secas.GetAsync($"/api/cases/{caseId}")).StatusCode);
        var tombstone = Assert.Single(await _app.Service<PurgedRecords>().ReadAsync(caseId, default));
        Assert.Equal((record.Version, record.Sha256(), (long)record.Events.Count), (tombstone.Version, tombstone.HistorySha256, tombstone.EventCount));
        Assert.Equal(64, tombstone.HistorySha256.Length);
        Assert.Equal(("Secas", "Secas (API key)"), (tombstone.PurgedByRole, tombstone.PurgedByName));
        Assert.InRange(tombstone.RequestedAt, asked.AddSeconds(-5), DateTimeOffset.UtcNow);
        Assert.NotNull(tombstone.CompletedAt);
    }

    [Fact]
    public async Task GivenNoIfMatch_WhenPurged_Then428AndTheCaseUntouched()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        var before = await LeftOfAsync(caseId);

        var refused = await _secas.DeleteAsync($"/api/cases/{caseId}");

        Assert.Equal((HttpStatusCode)428, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("If-Match", (await refused.Json_())["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await LeftOfAsync(caseId));
        Assert.Empty(await _app.Service<PurgedRecords>().ReadAsync(caseId, default));
        Assert.Equal(HttpStatusCode.NotFound, (await _secas.DeleteAsync("/api/cases/no-such-case")).StatusCode);
    }

    [Fact]
    public async Task GivenARecordReadForAPurge_WhenItChangesBeforeTheDelete_ThenNoRowOfItIsDeleted()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        await _app.UntilSettledAsync([caseId]);
        var history = _app.Service<HistoryTable>();
        var read = (await history.ReadWholeAsync(caseId, default))!;
        await _secas.PostJson($"/api/cases/{caseId}/review", Seed002Review.OpenReview).ExpectAsync(HttpStatusCode.OK);

        Assert.False(await history.DeleteAsReadAsync(read, default));

        var after = (await history.ReadWholeAsync(caseId, default))!;
        Assert.Equal(read.Version + 1, after.Version);
        Assert.Equal(read.Events.Select(e => e.Sequence), after.Events.Take(read.Events.Count).Select(e => e.Sequence));
    }

    [Fact]
    public async Task GivenAPurgeThatStoppedAfterTheRecord_WhenSentAgain_ThenItFinishes_AndOnlyAtTheVersionItChecked()
    {
        var caseId = await CaseOwningEverythingAsync();
        await _app.UntilSettledAsync([caseId]);
        var history = _app.Service<HistoryTable>();
        var record = (await history.ReadWholeAsync(caseId, default))!;
        var tombstones = _app.Service<PurgedRecords>();
        // As a purge leaves things when its process dies after deleting the record: the tombstone unfinished, the rest there.
        await tombstones.WriteAsync(PurgedRecords.Begin(record, "Secas", "Secas (API key)", null, DateTimeOffset.UtcNow, null), default);
        Assert.True(await history.DeleteAsReadAsync(record, default));
        Assert.Contains(await LeftOfAsync(caseId), item => item.StartsWith("Reports:", StringComparison.Ordinal));

        Assert.Equal((HttpStatusCode)428, (await _secas.DeleteAsync($"/api/cases/{caseId}")).StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"/api/cases/{caseId}");
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{record.Version + 1}\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await _secas.SendAsync(stale)).StatusCode);
        using var again = new HttpRequestMessage(HttpMethod.Delete, $"/api/cases/{caseId}");
        again.Headers.TryAddWithoutValidation("If-Match", $"\"{record.Version}\"");
        Assert.Equal(HttpStatusCode.OK, (await _secas.SendAsync(again)).StatusCode);

        Assert.Empty(await LeftOfAsync(caseId));
        var tombstone = Assert.Single(await tombstones.ReadAsync(caseId, default));
        Assert.NotNull(tombstone.CompletedAt);
        Assert.Equal(HttpStatusCode.NotFound, (await _secas.PurgeAsync(caseId)).StatusCode);
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
        Assert.Single(await _app.Service<PurgedRecords>().ReadAsync(caseId, default));
    }
}
