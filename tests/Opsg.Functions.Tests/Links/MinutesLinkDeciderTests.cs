using Opsg.Functions.Links;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;

namespace Opsg.Functions.Tests.Links;

/// <summary>Sharing a meeting's minutes by link as pure deciders: only final, publishable minutes, for the Panel report's lifetimes.</summary>
public sealed class MinutesLinkDeciderTests
{
    private const string MeetingId = "OPSG_25";
    private static readonly DateTimeOffset Now = new(2019, 11, 6, 10, 0, 0, TimeSpan.Zero);

    private static MeetingState Given(params RecordEvent[] events) =>
        events.Select((e, i) => new RecordedEvent(i + 1, e, new Actor(Role.Secas, "S"), Now.AddMinutes(i)))
            .Aggregate(MeetingState.Empty(MeetingId), MeetingRecord.Events.Evolve);

    private static MeetingScheduled Scheduled(Classification classification) =>
        new(MeetingId, MeetingKind.Ordinary, new DateOnly(2019, 10, 1), "10:00", "17:00", "London", false, classification, null);

    private static readonly MinutesRendered Draft = new(1, 1, false, "OPSG_25/minutes/v1.html", "a", "t");
    private static readonly MinutesRendered FinalVersion = new(2, 2, true, "OPSG_25/minutes/v2.html", "b", "t");
    private static readonly MinutesMadeFinal MadeFinal = new("OPSG_26", new DateOnly(2019, 11, 5), null);

    private static MeetingState FinalPublishable() => Given(Scheduled(Classification.Publishable), Draft, MadeFinal, FinalVersion);

    [Fact]
    public void GivenFinalPublishableMinutes_WhenALinkIsIssued_ThenItIsRecordedWithTheFinalVersionInUtc()
    {
        var decision = MinutesLinks.Issue(FinalPublishable(), "lnk-1", "Website team", Now.AddDays(30).ToOffset(TimeSpan.FromHours(1)), Now);

        var issued = Assert.IsType<MinutesLinkIssued>(Assert.Single(decision.Events));
        Assert.Equal(("lnk-1", "Website team", 2), (issued.LinkId, issued.Recipient, issued.MinutesVersion));
        Assert.Equal(TimeSpan.Zero, issued.ExpiresAt.Offset);
    }

    [Fact]
    public void GivenAnUnknownMeeting_WhenALinkIsIssued_Then404()
    {
        Assert.Equal(404, MinutesLinks.Issue(MeetingState.Empty(MeetingId), "lnk-1", null, Now.AddDays(1), Now).Rejection?.Status);
    }

    [Fact]
    public void GivenDraftMinutes_WhenALinkIsIssued_Then409SayingOnlyFinalMinutesAreShared()
    {
        var refused = MinutesLinks.Issue(Given(Scheduled(Classification.Publishable), Draft), "lnk-1", null, Now.AddDays(1), Now);

        Assert.Equal(409, refused.Rejection?.Status);
        Assert.Contains("only final minutes", refused.Rejection!.Detail, StringComparison.Ordinal);
        Assert.Empty(refused.Events);
    }

    [Fact]
    public void GivenMinutesMadeFinalButTheFinalVersionNotYetRendered_WhenALinkIsIssued_Then409()
    {
        var refused = MinutesLinks.Issue(Given(Scheduled(Classification.Publishable), Draft, MadeFinal), "lnk-1", null, Now.AddDays(1), Now);
        Assert.Equal(409, refused.Rejection?.Status);
        Assert.Contains("try again shortly", refused.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenAMeetingApprovedWithoutMinutesDraftedHere_WhenALinkIsIssued_Then409SayingThereIsNothingToShare_NotToTryAgain()
    {
        var refused = MinutesLinks.Issue(Given(Scheduled(Classification.Publishable), MadeFinal), "lnk-1", null, Now.AddDays(1), Now);
        Assert.Equal(409, refused.Rejection?.Status);
        Assert.Contains("nothing to share", refused.Rejection!.Detail, StringComparison.Ordinal);
        Assert.Equal(409, MinutesRequests.Decide(Given(Scheduled(Classification.Publishable), MadeFinal)).Rejection?.Status);
        Assert.Contains("kept elsewhere", MinutesRequests.Decide(Given(Scheduled(Classification.Publishable), MadeFinal)).Rejection!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenFinalMinutesNotForPublication_WhenALinkIsIssued_Then409NamingTheClassification()
    {
        var refused = MinutesLinks.Issue(Given(Scheduled(Classification.NotForPublication), Draft, MadeFinal, FinalVersion), "lnk-1", "Named", Now.AddDays(1), Now);

        Assert.Equal(409, refused.Rejection?.Status);
        Assert.Contains("not for publication", refused.Rejection!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4)]                 // under five minutes
    [InlineData(181 * 24 * 60)]     // over 180 days
    public void GivenAnExpiryOutsideThePublishableLifetimes_WhenALinkIsIssued_Then400NamingExpiresAt(int minutes)
    {
        var refused = MinutesLinks.Issue(FinalPublishable(), "lnk-1", null, Now.AddMinutes(minutes), Now);

        Assert.Equal(400, refused.Rejection?.Status);
        Assert.Equal(["expiresAt"], refused.Rejection!.Errors!.Keys);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(180 * 24 * 60)]
    public void GivenAnExpiryAtTheEdgesOfThePublishableLifetimes_WhenALinkIsIssued_ThenItIsAccepted(int minutes)
    {
        Assert.True(MinutesLinks.Issue(FinalPublishable(), "lnk-1", null, Now.AddMinutes(minutes), Now).IsAccepted);
    }

    [Fact]
    public void GivenAnIssuedLink_WhenRevokedTwice_ThenTheSecondIs409_AndAnUnknownLinkIs404()
    {
        var issued = MinutesLinks.Issue(FinalPublishable(), "lnk-1", null, Now.AddDays(1), Now).Events.Single();
        var state = Given(Scheduled(Classification.Publishable), Draft, MadeFinal, FinalVersion, issued);

        var revoked = Assert.IsType<MinutesLinkRevoked>(Assert.Single(MinutesLinks.Revoke(state, "lnk-1", "Sent to the wrong list").Events));
        Assert.Equal("Sent to the wrong list", revoked.Reason);
        Assert.Equal(409, MinutesLinks.Revoke(Given(Scheduled(Classification.Publishable), Draft, MadeFinal, FinalVersion, issued, revoked), "lnk-1", null).Rejection?.Status);
        Assert.Equal(404, MinutesLinks.Revoke(state, "lnk-2", null).Rejection?.Status);
        Assert.Equal(404, MinutesLinks.Revoke(MeetingState.Empty(MeetingId), "lnk-1", null).Rejection?.Status);
    }

    [Fact]
    public void GivenALink_WhenOpened_ThenTheLatestFinalMinutesWhileLive_AndNothingOnceExpiredOrRevoked()
    {
        var issued = (MinutesLinkIssued)MinutesLinks.Issue(FinalPublishable(), "lnk-1", null, Now.AddDays(1), Now).Events.Single();
        var live = Given(Scheduled(Classification.Publishable), Draft, MadeFinal, FinalVersion, issued);

        Assert.Equal(FinalVersion, MinutesLinks.Opened(live, "lnk-1", Now));
        Assert.Null(MinutesLinks.Opened(live, "lnk-1", issued.ExpiresAt));
        Assert.Null(MinutesLinks.Opened(live, "lnk-other", Now));
        var revoked = Given(Scheduled(Classification.Publishable), Draft, MadeFinal, FinalVersion, issued, new MinutesLinkRevoked("lnk-1", null));
        Assert.Null(MinutesLinks.Opened(revoked, "lnk-1", Now));
    }
}
