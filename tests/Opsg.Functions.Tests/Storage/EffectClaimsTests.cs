using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Opsg.Functions.Security;
using Opsg.Functions.Steps;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Storage;

/// <summary>
/// Claims on an effect outside the record (an email) against Azurite, from two service providers on one storage: two
/// processes. Two runs of one effect never overlap; a claim whose run died is taken over when its lease ends, not before.
/// </summary>
public sealed class EffectClaimsTests() : TwoProcesses("ec")
{
    private readonly string _record = "case-" + Guid.NewGuid().ToString("N")[..8];

    private EffectClaims Claims => ProcessOne.GetRequiredService<EffectClaims>();

    private static EffectsOnce Once(ServiceProvider process)
    {
        var options = Options.Create(new WorkflowOptions());
        return new(process.GetRequiredService<EffectClaims>(), new FaultInjection(options, new HostingPlatform(InAzure: false, AuthenticationEnabled: false, Local: true)), options, TimeProvider.System);
    }

    [Fact]
    public async Task GivenTwoProcessesRunningOneEffectAtOnce_ThenOneRunsAfterTheOther()
    {
        var inside = 0;
        var mostAtOnce = 0;
        var runs = 0;
        async Task Effect()
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref mostAtOnce, now);
            await Task.Delay(300);
            Interlocked.Increment(ref runs);
            Interlocked.Decrement(ref inside);
        }

        await Task.WhenAll(
            Once(ProcessOne).HoldingAsync(_record, "mail-7-sent-chair@panel.example", Effect),
            Once(ProcessTwo).HoldingAsync(_record, "mail-7-sent-chair@panel.example", Effect));

        Assert.Equal((2, 1), (runs, mostAtOnce));
    }

    [Fact]
    public async Task GivenAnEffectThatFails_ThenItsClaimIsGivenBack_AndTheNextRunNeedNotWaitForTheLease()
    {
        var once = Once(ProcessOne);
        await Assert.ThrowsAsync<TimeoutException>(() => once.HoldingAsync(_record, "mail-8-sent-chair@panel.example", () => throw new TimeoutException()));

        Assert.NotNull(await Claims.TryTakeAsync(_record, "mail-8-sent-chair@panel.example", "next run", TimeSpan.FromMinutes(1), default));
    }

    [Fact]
    public async Task GivenAClaimWhoseRunDied_ThenNoOtherRunTakesItBeforeItsLeaseEnds_AndOneDoesAfter()
    {
        const string effect = "reminder-r1-sent-secas@secas.example";
        Assert.NotNull(await Claims.TryTakeAsync(_record, effect, "died", TimeSpan.FromSeconds(2), default));

        Assert.Null(await ProcessTwo.GetRequiredService<EffectClaims>().TryTakeAsync(_record, effect, "retry", TimeSpan.FromMinutes(1), default));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var taken = await ProcessTwo.GetRequiredService<EffectClaims>().TryTakeAsync(_record, effect, "retry", TimeSpan.FromMinutes(1), default);

        Assert.Equal("retry", taken?.Holder);
        Assert.Null(await Claims.TryTakeAsync(_record, effect, "a third run", TimeSpan.FromMinutes(1), default));
    }

    [Fact]
    public async Task GivenAClaimTakenOverFromARunThatWasOnlySlow_WhenTheSlowRunGivesItsBack_ThenTheNewHoldersClaimStays()
    {
        const string effect = "mail-9-sent-clerk@panel.example";
        var slow = await Claims.TryTakeAsync(_record, effect, "slow", TimeSpan.FromSeconds(1), default);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.NotNull(await Claims.TryTakeAsync(_record, effect, "new holder", TimeSpan.FromMinutes(1), default));

        await Claims.GiveBackAsync(slow!, default);

        Assert.Null(await Claims.TryTakeAsync(_record, effect, "a third run", TimeSpan.FromMinutes(1), default));
    }

    [Fact]
    public async Task GivenATakeWhoseAnswerWasLost_WhenTheSameRunTakesAgain_ThenItHoldsTheClaim()
    {
        const string effect = "mail-10-sent-chair@panel.example";
        Assert.NotNull(await Claims.TryTakeAsync(_record, effect, "run", TimeSpan.FromMinutes(1), default));

        Assert.NotNull(await Claims.TryTakeAsync(_record, effect, "run", TimeSpan.FromMinutes(1), default));
        Assert.Null(await Claims.TryTakeAsync(_record, effect, "another run", TimeSpan.FromMinutes(1), default));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
    }
}
