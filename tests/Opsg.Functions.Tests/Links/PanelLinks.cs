using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Links;

/// <summary>A Panel link as the bad-input tests use it: issued over HTTP on a case of its own.</summary>
public sealed record IssuedLink(string CaseId, string LinkId, string Token, string RevokeUri);

public static class PanelLinks
{
    public const string Recipient = "SEC Panel secretariat";

    public static async Task<IssuedLink> IssueLinkAsync(this ReviewCases cases, string caseId, string? recipient = Recipient)
    {
        var body = await cases.Secas.PostJson($"/api/cases/{caseId}/links", new { recipient, expiresAt = DateTimeOffset.UtcNow.AddDays(7) }).ExpectAsync(HttpStatusCode.Created);
        return new IssuedLink(caseId, body.Text("linkId"), body.Text("token"), body.Text("revokeDeleteUri"));
    }

    /// <summary>A live link on a case of its own (other tests' refusals must leave it working).</summary>
    public static Task<IssuedLink> LiveLinkAsync(this ReviewCases cases) =>
        cases.SharedAsync("live link", async () => await cases.IssueLinkAsync(await cases.NewAsync(Stage.PanelReportIssued)));

    public static Task<IssuedLink> RevokedLinkAsync(this ReviewCases cases) => cases.SharedAsync("revoked link", async () =>
    {
        var link = await cases.IssueLinkAsync(await cases.NewAsync(Stage.PanelReportIssued));
        await cases.Secas.DeleteAsync(link.RevokeUri).ExpectAsync(HttpStatusCode.OK);
        return link;
    });

    public static async Task AssertOpensAsync(this ReviewCases cases, IssuedLink link)
    {
        var response = await cases.App.ClientAs(null).GetAsync($"/api/links/{link.Token}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The link {link.LinkId} no longer opens: {(int)response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
