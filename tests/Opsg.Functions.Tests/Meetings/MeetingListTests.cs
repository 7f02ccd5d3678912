using System.Globalization;
using System.Net;
using Opsg.Functions.Meetings;
using Opsg.Functions.Orchestration;
using Opsg.Functions.Records;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Meetings;

/// <summary>The list of meetings, pure: the latest first, a range of dates both ends included, and what each row says.</summary>
public sealed class MeetingListTests
{
    private static readonly MeetingState Opsg25 = Seed004History.State();

    private static MeetingState Scheduled(string id, string date) =>
        MeetingRecord.Events.Evolve(MeetingState.Empty(id), new RecordedEvent(1, new MeetingScheduled(id, MeetingKind.Extraordinary,
            DateOnly.Parse(date, CultureInfo.InvariantCulture), "10:00", "12:00", null, true, Classification.Publishable, null), new Actor(Role.Secas, "S"), DateTimeOffset.UnixEpoch));

    [Fact]
    public void TheLatestComeFirst_AndARangeKeepsBothEnds()
    {
        var meetings = new[] { Scheduled("OPSG_24", "2019-09-03"), Opsg25, Scheduled("OPSG_26", "2019-11-05"), Scheduled("OPSG_E1", "2019-11-05") };

        Assert.Equal(["OPSG_26", "OPSG_E1", "OPSG_25", "OPSG_24"], MeetingList.From(meetings, null, null).Select(r => r.MeetingId));
        Assert.Equal(["OPSG_25", "OPSG_24"], MeetingList.From(meetings, new DateOnly(2019, 9, 3), new DateOnly(2019, 10, 1)).Select(r => r.MeetingId));
        Assert.Empty(MeetingList.From(meetings, new DateOnly(2019, 9, 4), new DateOnly(2019, 9, 30)));
    }

    [Fact]
    public void ARowSaysWhereTheMeetingStands()
    {
        var row = Assert.Single(MeetingList.From([Opsg25, Scheduled("OPSG_26", "2019-11-05")], new DateOnly(2019, 10, 1), new DateOnly(2019, 10, 1)));

        Assert.Equal(("OPSG_25", MeetingKind.Ordinary, "OPSG_25_0110", "draft"), (row.MeetingId, row.Kind, row.MinutesReference, row.MinutesStatus));
        Assert.Equal((Opsg25.Items.Count, 18, Opsg25.Version, "/api/meetings/OPSG_25"), (row.Items, row.ActionsRaised, row.Version, row.Url));
        Assert.Equal(MeetingProcess.Stage(Opsg25).ToString(), row.Stage);
    }

    [Fact]
    public void ARangeEndingBeforeItStarts_AndDatesThatDoNotRead_AreEachNamed()
    {
        Assert.Equal(["to"], MeetingList.Check(new DateOnly(2019, 10, 2), new DateOnly(2019, 10, 1))!.Errors!.Keys);
        Assert.Null(MeetingList.Check(new DateOnly(2019, 10, 1), new DateOnly(2019, 10, 1)));
        Assert.Equal(["from", "to"], MeetingList.Check(null, null, Rejection.Invalid("from", "A date."), Rejection.Invalid("to", "A date."))!.Errors!.Keys.Order());
    }
}

/// <summary>GET /api/meetings through the HTTP pipeline on Azurite: what SECAS and the Group's members see, and bad dates refused.</summary>
public sealed class MeetingListHttpTests(MeetingApp app) : IClassFixture<MeetingApp>
{
    private readonly HttpClient _secas = app.App.ClientAs("Secas");

    [Fact]
    public async Task GivenMeetingsOnSeveralDays_WhenAMemberListsARange_ThenThoseHeldInItComeLatestFirst_WithWhereEachStands()
    {
        // Dates in a year no other test of this app uses, so the range holds these meetings only.
        var run = Guid.NewGuid().ToString("N")[..6];
        foreach (var (id, date) in new[] { ($"OPSG_A{run}", "2033-01-10"), ($"OPSG_B{run}", "2033-03-14"), ($"OPSG_C{run}", "2033-02-07") })
            await _secas.PostJson("/api/meetings", new { meetingId = id, kind = "ordinary", date, startTime = "10:00", endTime = "12:00", teleconference = true, classification = "publishable" })
                .ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"/api/meetings/OPSG_C{run}/items", new { number = 1, title = "Previous Meeting Minutes" }).ExpectAsync(HttpStatusCode.Created);

        var rows = (await app.App.ClientAs("OpsgMember").GetAsync("/api/meetings?from=2033-01-11&to=2033-03-14").ExpectAsync(HttpStatusCode.OK)).AsArray();

        Assert.Equal([$"OPSG_B{run}", $"OPSG_C{run}"], rows.Select(r => r!.Text("meetingId")));
        Assert.Equal(("Scheduled", "Minuted"), (rows[0]!.Text("stage"), rows[1]!.Text("stage")));
        Assert.Equal(("2033-02-07", 1, $"/api/meetings/OPSG_C{run}"), (rows[1]!.Text("date"), rows[1]!["items"]!.GetValue<int>(), rows[1]!.Text("url")));
    }

    [Theory]
    [InlineData("?from=2019-13-01", "from")]
    [InlineData("?from=01/10/2019&to=yesterday", "from,to")]
    [InlineData("?from=2019-10-02&to=2019-10-01", "to")]
    public async Task GivenDatesThatDoNotReadOrARangeBackwards_ThenProblemDetailsNamingEach(string query, string fields)
    {
        var response = await _secas.GetAsync("/api/meetings" + query);

        await response.ProblemAsync(HttpStatusCode.BadRequest, fields.Split(','));
    }
}
