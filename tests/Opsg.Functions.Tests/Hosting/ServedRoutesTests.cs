using Opsg.Functions.Hosting;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>What the catch-all knows of the routes the functions serve, read from their attributes: no host needed.</summary>
public sealed class ServedRoutesTests
{
    [Theory]
    [InlineData("cases/c0ffee", new[] { "DELETE", "GET" })]
    [InlineData("health", new[] { "GET" })]
    [InlineData("links/any-token-at-all", new[] { "GET" })]
    [InlineData("cases/c0ffee/reports/minutes/v2", new[] { "GET" })]
    public void GivenAPathAFunctionServes_ThenItsMethods(string path, string[] methods) =>
        Assert.Equal(methods, ServedRoutes.MethodsAt(path));

    [Theory]
    [InlineData("")]
    [InlineData("nothing-here")]
    [InlineData("cases/c0ffee/nothing-here")]
    [InlineData("cases/c0ffee/reports/minutes/vabc")]
    [InlineData("cases/c0ffee/reports/minutes/v1.0")]
    public void GivenAPathNoFunctionServes_ThenNoMethods(string path) =>
        Assert.Empty(ServedRoutes.MethodsAt(path));
}
