using System.Net;
using System.Text;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Orchestration;

/// <summary>GET /api/cases takes back only the continuation tokens it handed out, with the query they were handed out for.</summary>
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
        // Keys alone, well formed but never issued: a token carries the scope of the query that issued it.
        Convert.ToBase64String(Encoding.UTF8.GetBytes("zzzz\nheader")),
        Convert.ToBase64String(Encoding.UTF8.GetBytes("zzzz\nheader\n0123456789abcdef")),
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

    [Fact]
    public async Task GivenATokenIssuedForOneQuery_WhenSentWithAnotherFilter_ThenBadRequest_AndWithItsOwnQuery_ThenTheNextPage()
    {
        await cases.NewAsync(Stage.Opened);
        await cases.NewAsync(Stage.Opened);
        var first = await cases.Secas.GetAsync("/api/cases?top=1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var token = first.Headers.GetValues("x-ms-continuation-token").Single();

        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/cases?top=1&runtimeStatus=Pending");
        other.Headers.TryAddWithoutValidation("x-ms-continuation-token", token);
        await (await cases.Secas.SendAsync(other)).ProblemAsync(HttpStatusCode.BadRequest, "x-ms-continuation-token");

        // The page size is not part of the query's scope: the same filter pages on at any size.
        using var own = new HttpRequestMessage(HttpMethod.Get, "/api/cases?top=5");
        own.Headers.TryAddWithoutValidation("x-ms-continuation-token", token);
        Assert.Equal(HttpStatusCode.OK, (await cases.Secas.SendAsync(own)).StatusCode);
    }
}
