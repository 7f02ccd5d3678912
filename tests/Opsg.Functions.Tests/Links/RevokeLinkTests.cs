using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Links;

/// <summary>
/// Revoking links that do not exist, belong to another case or are already revoked, with bad
/// If-Match, reused Idempotency-Keys or unusable reasons. Each is a problem answer; the history and
/// the links table are unchanged, and a live link still opens.
/// </summary>
public sealed class RevokeLinkTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    // --- DELETE /api/cases/{id}/links/{linkId} ---------------------------------------------------

    [Theory]
    [InlineData("lnk-0000000000000000")]
    [InlineData("x")]
    [InlineData("LNK-0000000000000000")]
    [InlineData("..%2F..%2Fhealth")]
    [InlineData("lnk-%C3%BC%F0%9F%94%97")]
    [InlineData("%27%20or%201%3D1%20--")]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    public async Task GivenALinkIdTheCaseDoesNotHave_WhenRevoked_ThenNotFound(string linkId)
    {
        var caseId = await cases.SharedAsync(Stage.PanelReportIssued);
        await cases.RefusedAsync(caseId, () => cases.Secas.DeleteAsync($"/api/cases/{caseId}/links/{linkId}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GivenAControlCharacterAsTheLinkId_WhenRevoked_ThenBadRequestNamingThePath()
    {
        var caseId = await cases.SharedAsync(Stage.PanelReportIssued);
        await cases.RefusedAsync(caseId, () => cases.Secas.DeleteAsync($"/api/cases/{caseId}/links/%01"), HttpStatusCode.BadRequest, "path");
    }

    [Fact]
    public async Task GivenAVeryLongLinkId_WhenRevoked_ThenNotFound()
    {
        var caseId = await cases.SharedAsync(Stage.PanelReportIssued);
        await cases.RefusedAsync(caseId, () => cases.Secas.DeleteAsync($"/api/cases/{caseId}/links/lnk-{new string('0', 4000)}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GivenAnotherCasesLink_WhenRevokedThroughThisCase_ThenNotFoundAndThatLinkStillWorks()
    {
        var link = await cases.LiveLinkAsync();
        var other = await cases.SharedAsync(Stage.PanelReportIssued);
        await cases.RefusedAsync(other, () => cases.Secas.DeleteAsync($"/api/cases/{other}/links/{link.LinkId}"), HttpStatusCode.NotFound);
        await cases.AssertOpensAsync(link);
    }

    [Fact]
    public async Task GivenThePanelsOnlyLink_WhenRevoked_ThenThePanelsOwnRouteNoLongerServesThatVersion()
    {
        var caseId = await cases.NewAsync(Stage.PanelReportIssued);
        var issued = await cases.Secas.PostJson($"/api/cases/{caseId}/links", new { recipient = PanelLinks.Recipient, expiresAt = DateTimeOffset.UtcNow.AddDays(7) })
            .ExpectAsync(HttpStatusCode.Created);
        var route = $"/api/panel/cases/{caseId}/panel-report/v{issued["reportVersion"]!.GetValue<int>()}";
        var panel = cases.As("Panel");
        Assert.Equal(HttpStatusCode.OK, (await panel.GetAsync(route)).StatusCode);

        await cases.Secas.DeleteAsync(issued.Text("revokeDeleteUri")).ExpectAsync(HttpStatusCode.OK);

        await (await panel.GetAsync(route)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GivenACaseThatDoesNotExist_WhenALinkIsRevoked_ThenNotFound()
    {
        var link = await cases.LiveLinkAsync();
        var caseId = "nosuch" + Guid.NewGuid().ToString("N")[..8];
        await cases.RefusedAsync(caseId, () => cases.Secas.DeleteAsync($"/api/cases/{caseId}/links/{link.LinkId}"), HttpStatusCode.NotFound);
        await cases.AssertOpensAsync(link);
    }

    [Fact]
    public async Task GivenARevokedLink_WhenRevokedAgain_ThenConflictAndNothingChanged()
    {
        var link = await cases.RevokedLinkAsync();
        var problem = await cases.RefusedAsync(link.CaseId, () => cases.Secas.DeleteAsync(link.RevokeUri), HttpStatusCode.Conflict);
        Assert.Contains("already revoked", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await cases.RefusedAsync(link.CaseId, () => cases.Secas.DeleteAsync(link.RevokeUri + "?reason=again"), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"-1\"")]
    [InlineData("\"0\"")] // well formed, but stale
    public async Task GivenABadOrStaleIfMatch_WhenALinkIsRevoked_ThenRefusedAndTheTokenStillWorks(string ifMatch)
    {
        // A refused revocation must not revoke the token behind the history's back.
        var link = await cases.LiveLinkAsync();
        var request = () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Delete, link.RevokeUri);
            message.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return cases.Secas.SendAsync(message);
        };
        if (ifMatch == "\"0\"") await cases.RefusedAsync(link.CaseId, request, HttpStatusCode.PreconditionFailed);
        else await cases.RefusedAsync(link.CaseId, request, HttpStatusCode.BadRequest, "If-Match");
        await cases.AssertOpensAsync(link);
    }

    [Fact]
    public async Task GivenAnIdempotencyKeyUsedForAnotherRevocation_WhenALinkIsRevoked_ThenUnprocessableAndTheTokenStillWorks()
    {
        var caseId = await cases.NewAsync(Stage.PanelReportIssued);
        var first = await cases.IssueLinkAsync(caseId);
        var second = await cases.IssueLinkAsync(caseId);
        HttpRequestMessage Revoke(IssuedLink link) => new(HttpMethod.Delete, link.RevokeUri) { Headers = { { "Idempotency-Key", "revoke-" + caseId } } };
        await cases.Secas.SendAsync(Revoke(first)).ExpectAsync(HttpStatusCode.OK);

        await cases.RefusedAsync(caseId, () => cases.Secas.SendAsync(Revoke(second)), HttpStatusCode.UnprocessableEntity);
        await cases.AssertOpensAsync(second);
    }

    [Theory]
    [InlineData("%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")]
    [InlineData("javascript%3Aalert(1)")]
    [InlineData("Sent%20in%20error%E2%80%AE")] // right-to-left override
    [InlineData("Sent%00in%20error")]
    [InlineData("Sent%1B%5B31min%20error")]
    public async Task GivenAReasonThatIsMarkupOrInvisible_WhenALinkIsRevoked_ThenBadRequestNamingReasonAndTheTokenStillWorks(string reason)
    {
        var link = await cases.LiveLinkAsync();
        await cases.RefusedAsync(link.CaseId, () => cases.Secas.DeleteAsync($"{link.RevokeUri}?reason={reason}"), HttpStatusCode.BadRequest, "reason");
        await cases.AssertOpensAsync(link);
    }

    [Fact]
    public async Task GivenAReasonOverItsLimit_WhenALinkIsRevoked_ThenBadRequestNamingReason()
    {
        var link = await cases.LiveLinkAsync();
        var problem = await cases.RefusedAsync(link.CaseId, () => cases.Secas.DeleteAsync($"{link.RevokeUri}?reason={new string('r', 301)}"), HttpStatusCode.BadRequest, "reason");
        Assert.Contains("At most 300 characters.", problem.ErrorsFor("reason"), StringComparison.Ordinal);
        await cases.AssertOpensAsync(link);
    }
}
