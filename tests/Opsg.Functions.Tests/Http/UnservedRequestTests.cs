using System.Net;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Http;

/// <summary>
/// A method an address does not take, or an address nothing serves: problem details from the catch-all, through the
/// real HTTP pipeline, never an empty 404 or 405. HEAD gets the status and headers only, as HTTP requires.
/// </summary>
public sealed class UnservedRequestTests(ReviewCases cases) : IClassFixture<ReviewCases>
{
    [Theory]
    [InlineData("OPTIONS")]
    [InlineData("TRACE")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task GivenAMethodTheCaseAddressDoesNotTake_ThenMethodNotAllowedNamingTheMethodsItTakes(string method)
    {
        var caseId = await cases.SharedAsync(Stage.Opened);
        using var response = await cases.Secas.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/cases/{caseId}"));
        var problem = await response.ProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Equal(["DELETE", "GET"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Contains(method, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GivenHead_ThenMethodNotAllowedWithTheAllowHeaderAndNoBody()
    {
        using var response = await cases.App.ClientAs(null).SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/health"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET"], response.Content.Headers.Allow);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("GET", "/api/nothing-here")]
    [InlineData("POST", "/api/cases/c0ffee/nothing-here")]
    [InlineData("OPTIONS", "/api/nothing-here")]
    public async Task GivenAnAddressNothingServes_ThenNotFoundProblem(string method, string path)
    {
        using var response = await cases.Secas.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(response.Content.Headers.Allow);
    }
}
