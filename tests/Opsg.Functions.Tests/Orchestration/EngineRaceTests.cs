using Opsg.Functions.Cases;
using Opsg.Functions.Records;
using Opsg.Functions.Steps;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>
/// A person's command that loses the append race only to the engine's bookkeeping is decided again on
/// the new history; one that loses to another person's change is refused with 409, as before.
/// The rival append is made from inside the decide step, exactly between the command's read and its write.
/// </summary>
public sealed class EngineRaceTests(EngineRaceTests.App fixture) : IClassFixture<EngineRaceTests.App>
{
    public sealed class App : OpsgAppFixture;

    private static readonly Actor Secas = new(Role.Secas, "secas");
    private readonly OpsgApp _app = fixture.App;

    [Fact]
    public async Task GivenTheEngineAppendsBetweenReadAndWrite_WhenAPersonCommands_ThenTheCommandIsDecidedAgainAndRecorded()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();

        var result = await TerminateWhileAnotherWriterAppendsAsync(caseId, Actor.Engine);

        Assert.Null(result.Rejection);
        Assert.Equal(["CaseOpened", "TimerFired", "CaseTerminated"], (await _app.HistoryAsync(caseId)).Select(e => e.Event.GetType().Name));
    }

    [Fact]
    public async Task GivenAPersonAppendsBetweenReadAndWrite_WhenAnotherPersonCommands_Then409AndNothingOfTheirsIsRecorded()
    {
        var caseId = await _app.ClientAs("Secas").OpenCaseAsync();

        var result = await TerminateWhileAnotherWriterAppendsAsync(caseId, new Actor(Role.Dcc, "dcc"));

        Assert.Equal(409, result.Rejection?.Status);
        Assert.Equal(["CaseOpened", "TimerFired"], (await _app.HistoryAsync(caseId)).Select(e => e.Event.GetType().Name));
    }

    private async Task<CommandResult<CaseState>> TerminateWhileAnotherWriterAppendsAsync(string caseId, Actor rival)
    {
        var store = _app.Service<CaseStore>();
        var rivalled = false;
        return await store.ExecuteAsync(caseId, new CommandContext(Secas, DateTimeOffset.UtcNow), RecordCommand<CaseState>.Deciding(
            _ =>
            {
                if (!rivalled)
                {
                    rivalled = true;
                    var rivalResult = store.ExecuteAsync(caseId, new CommandContext(rival, DateTimeOffset.UtcNow),
                        RecordCommand<CaseState>.Deciding(_ => Decision.Accept(new TimerFired("no-such-timer")), _ => new CommandResponse(200, null, "{}")), default).GetAwaiter().GetResult();
                    Assert.Null(rivalResult.Rejection);
                }
                return Decision.Accept(new CaseTerminated("Withdrawn by the DCC"));
            },
            _ => new CommandResponse(200, null, "{}")), default);
    }
}
