using System.Collections.Concurrent;
using System.Net;
using Opsg.Functions.Cases;
using Opsg.Functions.Links;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Reports;
using Opsg.Functions.Review;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Orchestration;
using Xunit.Abstractions;

namespace Opsg.Functions.Tests.Links;

/// <summary>
/// Opening a Panel link writes to the link access log, never to the case's history, so any number of
/// readers leave SECAS's commands alone (before, 300 reads during 30 commands gave 27 × 409).
/// </summary>
public sealed class LinkAccessLogTests(LinkAccessLogTests.App fixture, ITestOutputHelper output) : IClassFixture<LinkAccessLogTests.App>
{
    public sealed class App : OpsgAppFixture;

    private readonly OpsgApp _app = fixture.App;
    private readonly HttpClient _secas = fixture.App.ClientAs("Secas");

    private async Task<(string CaseId, string LinkId, string Url)> CaseWithLinkAsync()
    {
        var caseId = await ReviewRecording.OpenAndSubmitAsync(_secas, _app.ClientAs("Dcc"));
        await ReviewRecording.RecordMeetingAsync(_secas, _app.ClientAs("Tag"), caseId);
        await ReviewRecording.RequestAndWaitAsync(_secas, caseId, ReportKinds.PanelReport);
        var link = await _secas.PostJson($"/api/cases/{caseId}/links", new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(7) })
            .ExpectAsync(HttpStatusCode.Created);
        return (caseId, link.Text("linkId"), link.Text("url"));
    }

    [Fact]
    public async Task GivenManyAnonymousReads_WhenSecasRecordsCommandsMeanwhile_ThenNoCommandGets409_AndEveryAccessIsLoggedOnce()
    {
        const int Reads = 300;
        const int Commands = 30;
        var (caseId, linkId, url) = await CaseWithLinkAsync();
        var before = (await _app.HistoryAsync(caseId)).Count;

        var readStatuses = new ConcurrentBag<HttpStatusCode>();
        var started = 0;
        async Task ReadAsync()
        {
            using var anonymous = _app.ClientAs(null);
            while (Interlocked.Increment(ref started) <= Reads)
            {
                using var response = await anonymous.GetAsync(url);
                readStatuses.Add(response.StatusCode);
            }
        }
        var readers = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(ReadAsync)));
        await EngineChecks.UntilAsync(() => Task.FromResult(readStatuses.Count >= 10), "the readers under way");

        var readsBeforeCommands = readStatuses.Count;
        var commandStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < Commands; i++)
        {
            var response = await _secas.PostJson($"/api/cases/{caseId}/actions/1/progress", new { on = "2020-03-02", text = $"Pacing strategy draft {i + 1}." });
            commandStatuses.Add(response.StatusCode);
        }
        var readsDuringCommands = readStatuses.Count - readsBeforeCommands;
        await readers;
        output.WriteLine($"{readsDuringCommands} of {Reads} reads completed while the {Commands} commands ran; commands answered: " +
            string.Join(", ", commandStatuses.GroupBy(s => s).Select(g => $"{g.Count()} × {(int)g.Key}")));

        Assert.True(readsDuringCommands > 0, "No read overlapped the commands: the test would prove nothing.");
        Assert.All(commandStatuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(Reads, readStatuses.Count(s => s == HttpStatusCode.OK));

        var accesses = await _app.Service<LinkAccessLog>().ReadAsync(caseId, default);
        Assert.Equal(Reads, accesses.Count);
        Assert.All(accesses, a => Assert.Equal(linkId, a.LinkId));
        Assert.Equal(accesses.Select(a => a.Time).Order(), accesses.Select(a => a.Time)); // oldest first
        var history = await _app.HistoryAsync(caseId);
        Assert.DoesNotContain(history, e => e.Event is LinkAccessed);
        Assert.Equal(Commands, history.Skip(before).Count(e => e.Event is ActionProgressNoted));
    }

    [Fact]
    public async Task GivenALinkThatWasOpened_WhenTheCaseIsPurged_ThenItsAccessLogGoesWithIt()
    {
        var (caseId, linkId, url) = await CaseWithLinkAsync();
        var log = _app.Service<LinkAccessLog>();
        var otherCase = Guid.NewGuid().ToString("N");
        await log.RecordAsync(new LinkAccess(otherCase, linkId, DateTimeOffset.UtcNow), default);
        using var anonymous = _app.ClientAs(null);
        foreach (var _ in Enumerable.Range(0, 2))
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(url)).StatusCode);
        Assert.Equal(2, (await log.ReadAsync(caseId, default)).Count);

        await _secas.PurgeAsync(caseId).ExpectAsync(HttpStatusCode.OK);

        Assert.Empty(await log.ReadAsync(caseId, default));
        Assert.Single(await log.ReadAsync(otherCase, default)); // another case's log is its own
    }

    [Fact]
    public void GivenAHistoryThatRecordedAccessesAsEvents_WhenFolded_ThenTheyStillReadAndChangeNothing()
    {
        // As rows written before accesses had a log of their own: type name and payload as stored then.
        var issued = new LinkIssued("lnk-1", "SEC Panel secretariat", new DateTimeOffset(2020, 3, 20, 0, 0, 0, TimeSpan.Zero), Classification.NotForPublication, ReportKinds.PanelReport, 1);
        var at = new DateTimeOffset(2020, 3, 6, 9, 0, 0, TimeSpan.Zero);
        var stored = new[]
        {
            new StoredEvent(1, nameof(CaseOpened), CaseRecord.Events.Serialize(new CaseOpened("A case", Classification.NotForPublication, "OPSG_29xxx", new DateOnly(2020, 2, 28))), "Secas", "secas", at, null),
            new StoredEvent(2, nameof(LinkIssued), CaseRecord.Events.Serialize(issued), "Secas", "secas", at, null),
            new StoredEvent(3, "LinkAccessed", """{"linkId":"lnk-1"}""", "Panel", "link lnk-1", at.AddHours(1), null),
            new StoredEvent(4, "LinkAccessed", """{"linkId":"lnk-1"}""", "Panel", "link lnk-1", at.AddHours(2), null),
        };

        var history = stored.Select(CaseRecord.Kind.ToRecorded).ToList();
        var withAccesses = CaseRecord.Fold("c1", history);
        var without = CaseRecord.Fold("c1", history.Take(2).ToList());

        Assert.Equal([typeof(LinkAccessed), typeof(LinkAccessed)], history.Skip(2).Select(e => e.Event.GetType()));
        Assert.Equal(4, withAccesses.Version);
        Assert.Equal(without.Links["lnk-1"], withAccesses.Links["lnk-1"]);
        Assert.True(OpenLink.IsOpenAt(withAccesses, "lnk-1", at.AddDays(1)));
    }
}
