using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text;
using Opsg.Functions.Tests.Fixtures;
using Opsg.Functions.Tests.Http;

namespace Opsg.Functions.Tests.Links;

/// <summary>
/// Links SECAS cannot mean: no Panel report yet, expiries in the past, too far ahead or not dates,
/// recipients that are markup, invisible or huge. Each is a problem answer; the history and the
/// links table are unchanged.
/// </summary>
public sealed class IssueLinkTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    private const string Recipient = PanelLinks.Recipient;

    private async Task<JsonObject> IssueRefusedAsync(Stage stage, string body, HttpStatusCode status, params string[] fields)
    {
        var caseId = await cases.SharedAsync(stage);
        return await cases.RefusedAsync(caseId, () => cases.Secas.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/links", body), status, fields);
    }

    private static string Body(string recipientJson, string expiresAtJson) => $"{{\"recipient\":{recipientJson},\"expiresAt\":{expiresAtJson}}}";

    private static string In(TimeSpan from) => "\"" + (DateTimeOffset.UtcNow + from).ToString("O", CultureInfo.InvariantCulture) + "\"";

    // --- POST /api/cases/{id}/links: the case is not ready ---------------------------------------

    [Theory]
    [InlineData(Stage.Opened)]
    [InlineData(Stage.Submitted)] // only the readiness pack is rendered
    [InlineData(Stage.MeetingHeld)]
    [InlineData(Stage.Decided)] // the Panel report can be rendered, but has not been
    public async Task GivenNoPanelReportYet_WhenALinkIsIssued_ThenConflictAndNoLinkRow(Stage stage)
    {
        var problem = await IssueRefusedAsync(stage, Body($"\"{Recipient}\"", In(TimeSpan.FromDays(7))), HttpStatusCode.Conflict);
        Assert.Contains("No Panel report", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenAValidRequest_WhenALinkIsIssued_ThenTwoLinkRowsAreAdded()
    {
        // The positive twin of every refusal here: the links table check is not vacuous.
        var caseId = await cases.NewAsync(Stage.PanelReportIssued);
        var before = await LinkRows.ReadAsync(cases.App);
        await cases.IssueLinkAsync(caseId);
        Assert.Equal(before.Count + 2, (await LinkRows.ReadAsync(cases.App)).Count);
    }

    // --- expiresAt ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(-365 * 24 * 60)]
    [InlineData(-24 * 60)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(4)] // under the five-minute minimum
    [InlineData(28 * 24 * 60 + 60)] // not for publication: at most 28 days
    [InlineData(60 * 24 * 60)]
    [InlineData(180 * 24 * 60 + 1)]
    public async Task GivenAnExpiryInThePastOrTooFarAhead_WhenALinkIsIssued_ThenBadRequestNamingExpiresAt(int minutesFromNow) =>
        await IssueRefusedAsync(Stage.PanelReportIssued, Body($"\"{Recipient}\"", In(TimeSpan.FromMinutes(minutesFromNow))), HttpStatusCode.BadRequest, "expiresAt");

    [Theory]
    [InlineData("\"2020-03-01T00:00:00Z\"")] // seed 002's own time
    [InlineData("\"0001-01-01T00:00:00Z\"")]
    [InlineData("\"0001-01-01T00:00:00+14:00\"")] // before the first instant there is
    [InlineData("\"9999-12-31T23:59:59Z\"")]
    [InlineData("\"9999-12-31T23:59:59-14:00\"")] // after the last instant there is
    [InlineData("\"tomorrow\"")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("\"2030-13-01T00:00:00Z\"")]
    [InlineData("\"2030-02-30T00:00:00Z\"")]
    [InlineData("\"2030-01-01T25:00:00Z\"")]
    [InlineData("\"2030-01-01T00:00:00+25:00\"")]
    [InlineData("\"01/02/2030 10:00\"")]
    [InlineData("\"2030-01-01T00:00:00Z; DROP TABLE links\"")]
    [InlineData("\"+002030-01-01T00:00:00Z\"")]
    [InlineData("\"P7D\"")]
    [InlineData("\"<script>alert(1)</script>\"")]
    [InlineData("-1")]
    [InlineData("1e400")]
    [InlineData("[]")]
    public async Task GivenAnExpiryThatIsNoUsableInstant_WhenALinkIsIssued_ThenBadRequestNamingExpiresAt(string expiresAt)
    {
        var problem = await IssueRefusedAsync(Stage.PanelReportIssued, Body($"\"{Recipient}\"", expiresAt), HttpStatusCode.BadRequest, "expiresAt");
        Assert.Equal(["expiresAt"], problem.ErrorFields());
    }

    // --- recipient ---------------------------------------------------------------------------------

    [Theory]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    [InlineData("\"\\t\\r\\n\"")]
    public async Task GivenNoRecipientForANotForPublicationReport_WhenALinkIsIssued_ThenBadRequestNamingRecipient(string recipient)
    {
        var problem = await IssueRefusedAsync(Stage.PanelReportIssued, Body(recipient, In(TimeSpan.FromDays(7))), HttpStatusCode.BadRequest, "recipient");
        Assert.Contains("not for publication", problem.ErrorsFor("recipient"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("SEC Panel <script src=//evil.example/x.js></script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<body onpageshow=alert(1)>")]
    [InlineData("\"><a href=\"#\" onclick=\"alert(1)\">Panel</a>")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JaVaScRiPt :alert(document.cookie)")]
    [InlineData("<a href=\"javascript:alert(1)\">SEC Panel</a>")]
    [InlineData("<iframe src=\"data:text/html,<script>alert(1)</script>\">")]
    [InlineData("<!-- SEC Panel -->")]
    public async Task GivenMarkupOrScriptAsTheRecipient_WhenALinkIsIssued_ThenBadRequestNamingRecipient(string recipient)
    {
        var body = new JsonObject { ["recipient"] = recipient, ["expiresAt"] = DateTimeOffset.UtcNow.AddDays(7) }.ToJsonString();
        var problem = await IssueRefusedAsync(Stage.PanelReportIssued, body, HttpStatusCode.BadRequest, "recipient");
        Assert.Equal(["recipient"], problem.ErrorFields());
        Assert.Contains("Markup", problem.ErrorsFor("recipient"), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> RefusedCharacters() => TextTests.RefusedCharacters();

    [Theory]
    [MemberData(nameof(RefusedCharacters))]
    public async Task GivenAnInvisibleOrBrokenCharacterInTheRecipient_WhenALinkIsIssued_ThenBadRequestNamingRecipient(string what, string escaped)
    {
        Assert.NotEmpty(what);
        var problem = await IssueRefusedAsync(Stage.PanelReportIssued, Body($"\"SEC Panel{escaped} secretariat\"", In(TimeSpan.FromDays(7))), HttpStatusCode.BadRequest, "recipient");
        Assert.Equal(["recipient"], problem.ErrorFields());
    }

    [Theory]
    [InlineData("\u0001")]
    [InlineData("\n")]
    public async Task GivenARawControlCharacterInTheRecipient_WhenALinkIsIssued_ThenBadRequest(string raw) =>
        await IssueRefusedAsync(Stage.PanelReportIssued, Body($"\"SEC{raw}Panel\"", In(TimeSpan.FromDays(7))), HttpStatusCode.BadRequest);

    [Theory]
    [InlineData(301)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public async Task GivenAHugeRecipient_WhenALinkIsIssued_ThenBadRequestNamingRecipient(int length)
    {
        var problem = await IssueRefusedAsync(Stage.PanelReportIssued, Body($"\"{new string('p', length)}\"", In(TimeSpan.FromDays(7))), HttpStatusCode.BadRequest, "recipient");
        Assert.Contains("At most 300 characters.", problem.ErrorsFor("recipient"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenARecipientOverOneMebibyte_WhenALinkIsIssued_ThenPayloadTooLargeAndNoLinkRow() =>
        await IssueRefusedAsync(Stage.PanelReportIssued, Body($"\"{new string('p', 1024 * 1024 + 1)}\"", In(TimeSpan.FromDays(7))), HttpStatusCode.RequestEntityTooLarge);

    // --- the body itself ---------------------------------------------------------------------------

    [Theory]
    [InlineData("token", "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"")]
    [InlineData("linkId", "\"lnk-0000000000000000\"")]
    [InlineData("reportVersion", "1")]
    [InlineData("reportKind", "\"readiness-pack\"")]
    [InlineData("classification", "\"publishable\"")]
    [InlineData("Recipients", "[\"SEC Panel\"]")]
    public async Task GivenAMemberTheCallerMayNotChoose_WhenALinkIsIssued_ThenBadRequestNamingIt(string member, string json)
    {
        var body = JsonNode.Parse(Body($"\"{Recipient}\"", In(TimeSpan.FromDays(7))))!.AsObject();
        body[member] = JsonNode.Parse(json);
        var problem = await IssueRefusedAsync(Stage.PanelReportIssued, body.ToJsonString(), HttpStatusCode.BadRequest, member);
        Assert.Equal([member], problem.ErrorFields());
    }

    [Theory]
    [InlineData("{\"recipient\":\"SEC Panel\",\"expiresAt\":")]
    [InlineData("{\"recipient\":\"SEC Panel\",\"expiresAt\":\"2030-01-01T00:00:00Z\",}")]
    [InlineData("{recipient:\"SEC Panel\"}")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"SEC Panel\"")]
    public async Task GivenMalformedJson_WhenALinkIsIssued_ThenBadRequestAndNoLinkRow(string body) =>
        await IssueRefusedAsync(Stage.PanelReportIssued, body, HttpStatusCode.BadRequest);

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("text/json")]
    [InlineData(null)]
    public async Task GivenTheWrongContentType_WhenALinkIsIssued_ThenUnsupportedMediaTypeAndNoLinkRow(string? contentType)
    {
        var caseId = await cases.SharedAsync(Stage.PanelReportIssued);
        var body = Encoding.UTF8.GetBytes(Body($"\"{Recipient}\"", In(TimeSpan.FromDays(7))));
        await cases.RefusedAsync(caseId, () => cases.Secas.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/links", body, contentType), HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task GivenABadIfMatch_WhenALinkIsIssued_ThenBadRequestAndNoLinkRow()
    {
        var caseId = await cases.SharedAsync(Stage.PanelReportIssued);
        await cases.RefusedAsync(caseId, () => cases.Secas.SendRaw(HttpMethod.Post, $"/api/cases/{caseId}/links", Body($"\"{Recipient}\"", In(TimeSpan.FromDays(7))),
            headers: new Dictionary<string, string> { ["If-Match"] = "abc" }), HttpStatusCode.BadRequest, "If-Match");
    }
}
