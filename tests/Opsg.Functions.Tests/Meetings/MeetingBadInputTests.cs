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

    /// <summary>An action ID no other test uses: this app's meetings share one register.</summary>
    private static string FreshActionId() => $"OPSG 9{new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray())}/01";

    [Fact]
    public async Task ImportingRefusesAMalformedIdATargetBeforeItWasRaisedAndAnIdAlreadyKnown()
    {
        var id = await NewMeetingAsync();
        var before = await VersionAsync(id);
        await (await _secas.PostJson($"/api/meetings/{id}/imported-actions", new { actionId = "25/110", raisedOn = "2019-09-03", text = "x", owner = "DCC" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "actionId");
        await (await _secas.PostJson($"/api/meetings/{id}/imported-actions", new { actionId = FreshActionId(), raisedOn = "2019-09-03", target = "2019-09-01", text = "x", owner = "DCC" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "target");
        await (await _secas.PostJson($"/api/meetings/{id}/imported-actions", new { actionId = FreshActionId(), raisedOn = "2019-10-01", text = "x", owner = "DCC" }))
            .ProblemAsync(HttpStatusCode.BadRequest, "raisedOn");
        Assert.Equal(before, await VersionAsync(id));

        var known = FreshActionId();
        await _secas.PostJson($"/api/meetings/{id}/imported-actions", new { actionId = known, raisedOn = "2019-09-03", text = "x", owner = "DCC" }).ExpectAsync(HttpStatusCode.Created);
        var other = await NewMeetingAsync();
        await (await _secas.PostJson($"/api/meetings/{other}/imported-actions", new { actionId = known, raisedOn = "2019-09-03", text = "again", owner = "DCC" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before + 1, await VersionAsync(id));
    }

    [Fact]
    public async Task ReviewingRefusesAnUnknownOrClosedActionAnUnknownSuccessorAndATargetBeforeTheRaise()
    {
        var id = await NewMeetingAsync();
        var action = FreshActionId();
        await _secas.PostJson($"/api/meetings/{id}/imported-actions", new { actionId = action, raisedOn = "2019-09-03", text = "x", owner = "DCC" }).ExpectAsync(HttpStatusCode.Created);
        var before = await VersionAsync(id);
        var reviews = $"/api/meetings/{id}/items/1/action-reviews";
        await (await _secas.PostJson(reviews, new { actionId = FreshActionId(), discussion = "x", outcome = "open" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await _secas.PostJson(reviews, new { actionId = action, discussion = "x", outcome = "superseded", supersededBy = FreshActionId() })).ProblemAsync(HttpStatusCode.NotFound);
        await (await _secas.PostJson(reviews, new { actionId = action, discussion = "x", outcome = "open", revisedTarget = "2019-08-01" })).ProblemAsync(HttpStatusCode.BadRequest, "revisedTarget");
        await (await _secas.PostJson(reviews, new { actionId = action, discussion = "x", outcome = "transferred" })).ProblemAsync(HttpStatusCode.BadRequest, "transferredTo");
        await (await _secas.PostJson(reviews, new { actionId = action, discussion = "x", outcome = "resolved" })).ProblemAsync(HttpStatusCode.BadRequest, "outcome");
        await (await _secas.PostJson($"/api/meetings/{id}/items/9/action-reviews", new { actionId = action, discussion = "x", outcome = "open" })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await VersionAsync(id));

        // Closed here; a later meeting cannot review it again, and this one reviews it once.
        await _secas.PostJson(reviews, new { actionId = action, discussion = "Done.", outcome = "closed" }).ExpectAsync(HttpStatusCode.Created);
        await (await _secas.PostJson(reviews, new { actionId = action, discussion = "Again.", outcome = "open" })).ProblemAsync(HttpStatusCode.Conflict);
        var later = "OPSG_" + Guid.NewGuid().ToString("N")[..8];
        await _secas.PostJson("/api/meetings", new { meetingId = later, kind = "ordinary", date = "2019-11-05", startTime = "10:00", endTime = "17:00", teleconference = true, classification = "publishable" })
            .ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"/api/meetings/{later}/items", new { number = 3, title = "Actions Outstanding" }).ExpectAsync(HttpStatusCode.Created);
        await (await _secas.PostJson($"/api/meetings/{later}/items/3/action-reviews", new { actionId = action, discussion = "x", outcome = "open" })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task OnlyAnAgreedOutcomeChangesTheIssuesLog_AndAClosedOrUnknownEntryCannotBeClosed()
    {
        var id = await NewMeetingAsync();
        await _secas.PostJson($"/api/meetings/{id}/items/1/outcomes", new { verb = "noted", text = "the log" }).ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"/api/meetings/{id}/items/1/outcomes", new { verb = "agreed", text = "to change the log" }).ExpectAsync(HttpStatusCode.Created);
        var before = await VersionAsync(id);
        await (await _secas.PostJson($"/api/meetings/{id}/items/1/outcomes/1/issues-log", new { change = "added", title = "x" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await _secas.PostJson($"/api/meetings/{id}/items/1/outcomes/9/issues-log", new { change = "added", title = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await _secas.PostJson($"/api/meetings/{id}/items/1/outcomes/2/issues-log", new { change = "added" })).ProblemAsync(HttpStatusCode.BadRequest, "title");
        await (await _secas.PostJson($"/api/meetings/{id}/items/1/outcomes/2/issues-log", new { change = "closed", issueId = "IL none/01" })).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await VersionAsync(id));

        var added = $"IL {id["OPSG_".Length..]}/01";
        await _secas.PostJson($"/api/meetings/{id}/items/1/outcomes/2/issues-log", new { change = "added", title = "Aged incidents" }).ExpectAsync(HttpStatusCode.Created);
        await _secas.PostJson($"/api/meetings/{id}/items/1/outcomes/2/issues-log", new { change = "transferred", issueId = added, transferredTo = "TABASC" }).ExpectAsync(HttpStatusCode.Created);
        await (await _secas.PostJson($"/api/meetings/{id}/items/1/outcomes/2/issues-log", new { change = "closed", issueId = added })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AStandingItemIsHeldOncePerMeeting()
    {
        var id = await NewMeetingAsync();
        await _secas.PostJson($"/api/meetings/{id}/items", new { number = 2, title = "Panel Feedback Report", standing = "panelFeedback" }).ExpectAsync(HttpStatusCode.Created);
        await (await _secas.PostJson($"/api/meetings/{id}/items", new { number = 3, title = "Panel feedback again", standing = "panelFeedback" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await _secas.PostJson($"/api/meetings/{id}/items", new { number = 3, title = "x", standing = "lunch" })).ProblemAsync(HttpStatusCode.BadRequest, "standing");
    }
}
