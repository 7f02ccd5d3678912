using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Meetings;

public sealed class MeetingApp : OpsgAppFixture;

/// <summary>Every refusal is a problem-details answer, and the meeting's version shows nothing was recorded.</summary>
public sealed class MeetingBadInputTests(MeetingApp app) : IClassFixture<MeetingApp>
{
    private readonly HttpClient _secas = app.App.ClientAs("Secas");

    private async Task<string> NewMeetingAsync()
    {
        var id = "OPSG_" + Guid.NewGuid().ToString("N")[..8];
        await _secas.PostJson("/api/meetings", new { meetingId = id, kind = "ordinary", date = "2019-10-01", startTime = "10:00", endTime = "17:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"/api/meetings/{id}/items", new { number = 1, title = "Previous Meeting Minutes" }).ExpectAsync(HttpStatusCode.Created);
        return id;
    }

    private async Task<long> VersionAsync(string id) => (await _secas.GetAsync($"/api/meetings/{id}").ExpectAsync(HttpStatusCode.OK))["version"]!.GetValue<long>();

    [Theory]
    [InlineData("{\"verb\":\"resolved\",\"text\":\"x\"}", "verb")]
    [InlineData("{\"verb\":\"recommended\",\"text\":\"the brief\"}", "forApprovalBy")]
    [InlineData("{\"verb\":\"noted\",\"text\":\"<script>alert(1)</script>\"}", "text")]
    [InlineData("{\"verb\":\"noted\",\"text\":\"see javascript:alert(1)\"}", "text")]
    [InlineData("{\"verb\":\"noted\",\"text\":\"see http://example.com/\"}", "text")]
    public async Task AnInvalidOutcomeIsRefusedNamingItsField(string body, string field)
    {
        var id = await NewMeetingAsync();
        var before = await VersionAsync(id);
        var response = await _secas.PostAsync($"/api/meetings/{id}/items/1/outcomes", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await response.ProblemAsync(HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await VersionAsync(id));
    }

    [Fact]
    public async Task AnUnknownConstituencyIsRefused()
    {
        var id = await NewMeetingAsync();
        var response = await _secas.PutJson($"/api/meetings/{id}/attendance", new { attendees = new[] { new { name = "A Member", constituency = "mayor" } } });
        await response.ProblemAsync(HttpStatusCode.BadRequest, "attendees[0].constituency");
    }

    [Fact]
    public async Task ItemsOutcomesAndNotesNeedWhatTheyBelongTo()
    {
        var id = await NewMeetingAsync();
        await (await _secas.PostJson($"/api/meetings/{id}/items/9/outcomes", new { verb = "noted", text = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await _secas.PostJson($"/api/meetings/{id}/notes", new { item = 9, text = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await _secas.PostJson($"/api/meetings/{id}/notes", new { item = 1, outcome = 4, text = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await _secas.PostJson("/api/meetings/OPSG_none/items", new { number = 1, title = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await _secas.GetAsync("/api/meetings/OPSG_none")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnItemNumberIsUsedOnceAndAMeetingCreatedOnce()
    {
        var id = await NewMeetingAsync();
        var before = await VersionAsync(id);
        await (await _secas.PostJson($"/api/meetings/{id}/items", new { number = 1, title = "Again" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await _secas.PostJson("/api/meetings", new { meetingId = id, kind = "ordinary", date = "2019-10-01", startTime = "10:00", endTime = "17:00", teleconference = true, classification = "publishable" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await VersionAsync(id));
    }

    [Fact]
    public async Task OnlyThePreviousMeetingsMinutesCanBeApproved()
    {
        var id = await NewMeetingAsync();
        await (await _secas.PostJson($"/api/meetings/{id}/previous-minutes", new { meetingId = "OPSG_none" })).ProblemAsync(HttpStatusCode.Conflict);
        // A meeting held after this one is not its previous meeting.
        var later = "OPSG_" + Guid.NewGuid().ToString("N")[..8];
        await _secas.PostJson("/api/meetings", new { meetingId = later, kind = "extraordinary", date = "2019-12-01", startTime = "10:00", endTime = "11:00", teleconference = true, classification = "notForPublication" })
            .ExpectAsync(HttpStatusCode.Created);
        await (await _secas.PostJson($"/api/meetings/{id}/previous-minutes", new { meetingId = later })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OnlySecasWritesAMeeting()
    {
        var id = await NewMeetingAsync();
        foreach (var role in new[] { "Dcc", "OpsgMember", "Tag", "Panel" })
            await (await app.App.ClientAs(role).PostJson($"/api/meetings/{id}/items", new { number = 2, title = "x" })).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
