using System.Net;
using Opsg.Functions.Storage;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Links;

/// <summary>
/// The SEC Panel sees the cases SECAS sent it a report on, and only those: before a link to a Panel report is issued
/// the Panel can neither read the case's status (its recommendation, its failed steps) nor record a decision on it,
/// and it cannot tell that the case exists. SECAS, or someone who holds a meeting role as well, is not held back.
/// </summary>
public sealed class PanelViewTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private HttpClient Panel => cases.As("Panel");

    [Fact]
    public async Task GivenACaseThePanelWasSentNothingOn_WhenThePanelReadsIt_ThenTheSame404AsACaseThatDoesNotExist()
    {
        var caseId = await cases.NewAsync(Stage.PanelReportIssued); // the report exists, but it was not sent

        var unsent = await Panel.GetAsync($"/api/cases/{caseId}");
        var unknown = await Panel.GetAsync("/api/cases/no-such-case");

        Assert.Equal(HttpStatusCode.NotFound, unsent.StatusCode);
        Assert.Equal((await unknown.Json_())["title"]!.ToJsonString(), (await unsent.Json_())["title"]!.ToJsonString());
        Assert.DoesNotContain("recommendation", await unsent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await cases.Secas.GetAsync($"/api/cases/{caseId}")).IsSuccessStatusCode); // SECAS still reads it
    }

    [Fact]
    public async Task GivenACaseThePanelWasSentNothingOn_WhenThePanelDecides_Then404AndNothingIsRecorded()
    {
        var caseId = await cases.NewAsync(Stage.PanelReportIssued);
        var before = (await cases.App.Service<HistoryTable>().ReadAsync(caseId, default)).Version;

        await Panel.PostJson($"/api/cases/{caseId}/raiseEvent/PanelDecision", Seed002Review.PanelDecision).ExpectAsync(HttpStatusCode.NotFound);

        Assert.Equal(before, (await cases.App.Service<HistoryTable>().ReadAsync(caseId, default)).Version);
    }

    [Fact]
    public async Task GivenALinkIssued_ThenThePanelReadsTheCaseAndDecides()
    {
        var caseId = await cases.NewAsync(Stage.PanelReportIssued);
        await cases.Secas.PostJson($"/api/cases/{caseId}/links", new { recipient = "SEC Panel secretariat", expiresAt = DateTimeOffset.UtcNow.AddDays(7) })
            .ExpectAsync(HttpStatusCode.Created);

        Assert.True((await Panel.GetAsync($"/api/cases/{caseId}")).IsSuccessStatusCode);
        await Panel.PostJson($"/api/cases/{caseId}/raiseEvent/PanelDecision", Seed002Review.PanelDecision).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approvedWithConditions", (await cases.Secas.GetAsync($"/api/cases/{caseId}/review").ContinueWith(t => t.Result.Json_()).Unwrap())["panelDecision"]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public void APersonWhoIsAlsoOnTheMeeting_IsNotHeldToThePanelsView()
    {
        static System.Security.Claims.ClaimsPrincipal With(params string[] roles) =>
            new(new System.Security.Claims.ClaimsIdentity(roles.Select(r => new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, r)), "test"));

        Assert.True(Opsg.Functions.Security.Roles.IsPanelOnly(With("Panel")));
        Assert.False(Opsg.Functions.Security.Roles.IsPanelOnly(With("Panel", "Secas")));
        Assert.False(Opsg.Functions.Security.Roles.IsPanelOnly(With("Secas")));
    }
}
