using System.Text;
using Opsg.Functions.Cases;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Review;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>
/// Durable timers on a clock the test moves: the row waits in OpsgTimers, fires once when its time
/// has come, and the case reacts with a notification. Review events are recorded through the real
/// case store (their endpoints live elsewhere).
/// </summary>
public sealed class DurableTimerTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2020, 2, 1, 10, 0, 0, TimeSpan.Zero));
    private OpsgApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = new OpsgApp((await Azurite.Shared).ConnectionString) { TestServices = _clock.Install };
        await _app.ClientAs(null).WaitForHealthyAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task GivenAReviewOpened_WhenTheClockPassesTheReminderDate_ThenTimerFiredOnce_AndAReminderIsWritten()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        await RecordAsync(caseId, new ReviewOpened(Seed002.MeetingId, new DateOnly(2020, 2, 28), null));

        var reminderAt = new DateTimeOffset(2020, 2, 23, 9, 0, 0, TimeSpan.Zero);
        var row = Assert.Single(await TimerRowsAsync(caseId));
        Assert.Equal(($"meeting-{Seed002.MeetingId}", reminderAt), (row.TimerId, row.DueAt));
        Assert.Equal(0, (await SweepAsync()).TimersFired);

        _clock.SetTo(reminderAt.AddMinutes(1));
        var blob = await NotificationWrittenAsync(caseId);
        Assert.Contains(Seed002.MeetingId, Encoding.UTF8.GetString((await _app.Service<BlobStore>().ReadAsync(BlobArea.Notifications, blob, default))!), StringComparison.Ordinal);

        Assert.Equal(0, (await SweepAsync()).TimersFired);
        Assert.Empty(await TimerRowsAsync(caseId));
        var history = await _app.HistoryAsync(caseId);
        Assert.Single(history, e => e.Event is TimerFired);
        Assert.Single(history, e => e.Event is ActivityScheduled { Name: ActivityNames.Notify });
    }

    [Fact]
    public async Task GivenAnActionWhoseTargetWasRevised_WhenTheOldTargetPasses_ThenSilence_AndWhenTheNewOnePasses_ThenOneNotification()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();
        await RecordAsync(caseId, new ActionRaised("A29-01", 1, "Confirm the fix date for the auxiliary load defect.", "DCC", new DateOnly(2020, 2, 1), new DateOnly(2020, 3, 13)));
        await RecordAsync(caseId, new ActionTargetRevised("A29-01", new DateOnly(2020, 4, 30), "Awaiting Core Release 1.1."));
        Assert.Equal(["action-A29-01-r0", "action-A29-01-r1"], (await TimerRowsAsync(caseId)).Select(t => t.TimerId));

        _clock.SetTo(new DateTimeOffset(2020, 3, 14, 0, 0, 0, TimeSpan.Zero));
        await EngineChecks.UntilAsync(async () => (await _app.HistoryAsync(caseId)).Any(e => e.Event is TimerFired { TimerId: "action-A29-01-r0" }), "the old target's timer fired");
        await SweepAsync();
        Assert.DoesNotContain(await _app.HistoryAsync(caseId), e => e.Event is ActivityScheduled);

        _clock.SetTo(new DateTimeOffset(2020, 5, 1, 0, 0, 0, TimeSpan.Zero));
        await NotificationWrittenAsync(caseId);
        await SweepAsync();
        var history = await _app.HistoryAsync(caseId);
        var notify = Assert.Single(history.Select(e => e.Event).OfType<ActivityScheduled>());
        Assert.Contains("A29-01", notify.Message, StringComparison.Ordinal);
        Assert.Single(history, e => e.Event is TimerFired { TimerId: "action-A29-01-r1" });
        Assert.Empty(await TimerRowsAsync(caseId));
    }

    private Task<CommandResult> RecordAsync(string caseId, CaseEvent e) =>
        _app.Service<CaseStore>().ExecuteAsync(caseId, new CommandContext(new Actor(Role.Secas, "secas"), _clock.GetUtcNow()),
            _ => Decision.Accept(e), _ => new CommandResponse(200, null, "{}"), default);

    private async Task<IReadOnlyList<DueTimer>> TimerRowsAsync(string caseId) =>
        (await _app.Service<TimerTable>().DueAsync(DateTimeOffset.MaxValue, 1000, default)).Where(t => t.CaseId == caseId).ToList();

    private Task<SweepResult> SweepAsync() => _app.Service<EngineSweep>().RunAsync(default);

    /// <summary>Waits for the Notify activity to complete and checks that the blob it names exists.</summary>
    private async Task<string> NotificationWrittenAsync(string caseId)
    {
        string? blob = null;
        await EngineChecks.UntilAsync(async () =>
        {
            blob = (await _app.HistoryAsync(caseId)).Select(e => e.Event).OfType<ActivityCompleted>().SingleOrDefault()?.Output;
            return blob is not null;
        }, "the notification activity completed");
        Assert.True(await _app.Service<BlobStore>().ExistsAsync(BlobArea.Notifications, blob!, default));
        return blob!;
    }
}
