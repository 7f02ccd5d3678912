using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>The OpenAPI document kept in the repository describes exactly the HTTP functions the build declares.</summary>
public sealed partial class OpenApiTests
{
    private static JsonNode Read(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)))!;

    /// <summary>"cases/{caseId}/actions/{number:int}" → "/api/cases/{caseId}/actions/{number}"; "links/{*token}" → "/api/links/{token}".</summary>
    private static string PathOf(string route) => "/api/" + RouteParameter().Replace(route, m => "{" + m.Groups["name"].Value + "}");

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z]+)(:[a-z]+)?\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public void GivenFunctionsMetadata_WhenComparedWithTheDocument_ThenTheSameRoutesAndMethods()
    {
        var declared = Read("functions.metadata").AsArray()
            .SelectMany(f => f!["bindings"]!.AsArray().Where(b => b!["type"]!.GetValue<string>() == "httpTrigger")
                .Select(b => (Function: f["name"]!.GetValue<string>(), Binding: b!)))
            .Where(t => t.Function != "NotFound")
            .SelectMany(t => t.Binding["methods"]!.AsArray().Select(m => $"{m!.GetValue<string>().ToUpperInvariant()} {PathOf(t.Binding["route"]!.GetValue<string>())}"))
            .Order(StringComparer.Ordinal).ToList();
        var documented = Read(Path.Combine("OpenApi", "openapi.json"))["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"))
            .Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, documented);
    }

    [Fact]
    public async Task GivenTheApp_WhenTheDocumentIsRequested_ThenOpenApi31WithEnumsAsCamelCaseStrings()
    {
        await using var app = await OpsgApp.StartAsync();
        var response = await app.ClientAs(null).GetAsync("/api/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Json_();

        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var rag = document["components"]!["schemas"]!["Rag"]!;
        Assert.Equal("string", rag["type"]!.GetValue<string>());
        Assert.Equal(["green", "amber", "red"], rag["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        // A field that may be null is not required.
        var status = document["components"]!["schemas"]!["CaseStatusView"]!;
        Assert.DoesNotContain("recommendation", status["required"]!.AsArray().Select(v => v!.GetValue<string>()));
    }
}
