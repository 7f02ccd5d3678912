using System.Net;
using System.Text;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>GET /api/cases takes back only continuation tokens shaped as it hands them out.</summary>
public sealed class ContinuationTokenTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    public static TheoryData<string> Malformed() => new()
    {
        "not a token",
        "%%%%",
        Convert.ToBase64String(Encoding.UTF8.GetBytes("one line only")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("a\nb\nc")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("bad/partition\nheader")),
        Convert.ToBase64String([0xff, 0xfe, 0x0a, 0x41]),
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task GivenAMalformedContinuationToken_WhenListingCases_ThenBadRequestNamingTheHeader(string token)
    {
        var count = await cases.CaseCountAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cases?top=1");
        request.Headers.TryAddWithoutValidation("x-ms-continuation-token", token);
        await (await cases.Secas.SendAsync(request)).ProblemAsync(HttpStatusCode.BadRequest, "x-ms-continuation-token");
        Assert.Equal(count, await cases.CaseCountAsync());
    }
}
