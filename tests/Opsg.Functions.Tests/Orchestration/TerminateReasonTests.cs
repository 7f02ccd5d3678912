using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>The terminate reason comes from the query string and takes the same plain-text rule as every body text.</summary>
public sealed class TerminateReasonTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Stopped\u0007")]
    [InlineData("Stopped \u202Edeppots")]
    [InlineData("javascript:alert(1)")]
    public async Task GivenAReasonThatIsNotPlainText_WhenTerminating_ThenBadRequestNamingReasonAndNothingRecorded(string reason)
    {
        var caseId = await cases.NewAsync(Stage.Opened);
        await cases.RefusedAsync(caseId, () => cases.Secas.PostAsync($"/api/cases/{caseId}/terminate?reason={Uri.EscapeDataString(reason)}", null),
            HttpStatusCode.BadRequest, "reason");
    }

    [Fact]
    public async Task GivenAPlainReason_WhenTerminating_ThenAccepted()
    {
        var caseId = await cases.NewAsync(Stage.Opened);
        var response = await cases.Secas.PostAsync($"/api/cases/{caseId}/terminate?reason={Uri.EscapeDataString("Withdrawn by the DCC < 2 days before the meeting.")}", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
