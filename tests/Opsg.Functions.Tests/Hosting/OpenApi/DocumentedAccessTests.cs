using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Opsg.Functions.Hosting;
using Opsg.Functions.Security;

namespace Opsg.Functions.Tests.Hosting.OpenApi;

/// <summary>
/// What the OpenAPI document says about who may call each operation and with what is what the code enforces: the roles
/// of each operation (x-roles and its description) are those its function declares (<see cref="AllowRolesAttribute"/>),
/// the anonymous functions are the operations without security, and every command, which reads If-Match and
/// Idempotency-Key (Http/RecordCommands.cs), declares both.
/// </summary>
public sealed partial class DocumentedAccessTests
{
    private static JsonNode Read(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)))!;

    private static readonly JsonNode Document = Read(Path.Combine("OpenApi", "openapi.json"));

    /// <summary>Each HTTP function of the build: its method, the document's path for its route, and its method's attributes.</summary>
    private static IEnumerable<(string Name, string Method, string Path, MethodInfo Code)> HttpFunctions() =>
        Read("functions.metadata").AsArray()
            .Where(f => f!["name"]!.GetValue<string>() != "NotFound")
            .SelectMany(f => f!["bindings"]!.AsArray()
                .Where(b => b!["type"]!.GetValue<string>() == "httpTrigger")
                .SelectMany(b => b!["methods"]!.AsArray().Select(m => (
                    Name: f["name"]!.GetValue<string>(),
                    Method: m!.GetValue<string>().ToLowerInvariant(),
                    Path: "/api/" + RouteParameter().Replace(b["route"]!.GetValue<string>(), p => "{" + p.Groups["name"].Value + "}"),
                    Code: FunctionMethods.Find(f["entryPoint"]!.GetValue<string>())))));

    private static JsonNode Operation(string path, string method) =>
        Document["paths"]![path]?[method] ?? throw new Xunit.Sdk.XunitException($"{method.ToUpperInvariant()} {path} is not in the document");

    [Fact]
    public void EveryOperation_DeclaresTheRolesItsFunctionAllows_InXRolesAndItsDescription()
    {
        var functions = HttpFunctions().ToList();
        Assert.NotEmpty(functions);
        Assert.All(functions, f =>
        {
            var operation = Operation(f.Path, f.Method);
            var documented = operation["x-roles"]!.AsArray().Select(r => r!.GetValue<string>()).Order().ToList();
            if (f.Code.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            {
                Assert.Empty(documented);
                Assert.Empty(operation["security"]!.AsArray());
                Assert.Contains("Anonymous: no role", operation["description"]!.GetValue<string>(), StringComparison.Ordinal);
                return;
            }
            var allowed = f.Code.GetCustomAttribute<AllowRolesAttribute>()!.Roles;
            Assert.True(allowed.Order().SequenceEqual(documented), $"{f.Name}: the code allows {string.Join(", ", allowed)}, the document says {string.Join(", ", documented)}");
            Assert.Null(operation["security"]);
            // In the app registration's order (infra/app-roles.json), whatever order the attribute names them in.
            var listed = allowed.OrderBy(r => Array.IndexOf(Tests.Security.RoleMatrixTests.Roles, r));
            Assert.Contains($"Roles allowed: {string.Join(", ", listed)}.", operation["description"]!.GetValue<string>(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void TheDocument_DeclaresEntraIdThroughEasyAuthAndTheApiKey_AsAlternatives()
    {
        var schemes = Document["components"]!["securitySchemes"]!;
        Assert.Equal("openIdConnect", schemes["EntraId"]!["type"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", schemes["ApiKey"]!["name"]!.GetValue<string>());
        Assert.Equal(["EntraId", "ApiKey"], Document["security"]!.AsArray().Select(s => s!.AsObject().Single().Key));
    }

    [Fact]
    public void EveryCommand_DeclaresIfMatchAndIdempotencyKey_AndAnswersWithAnETag()
    {
        // Every HTTP function that changes a record runs through RecordCommands (If-Match, Idempotency-Key, ETag of
        // the new version), but the purge, which requires If-Match of its own and leaves no record to tag.
        var commands = HttpFunctions().Where(f => f.Method != "get" && f.Name != "PurgeCase").ToList();
        Assert.NotEmpty(commands);
        Assert.All(commands, f =>
        {
            var operation = Operation(f.Path, f.Method);
            var parameters = operation["parameters"]!.AsArray().Select(p => p!["$ref"]?.GetValue<string>()).ToList();
            Assert.Contains("#/components/parameters/IfMatch", parameters);
            Assert.Contains("#/components/parameters/IdempotencyKey", parameters);
            Assert.All(operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')), r =>
                Assert.Equal("#/components/headers/ETagVersion", r.Value!["headers"]!["ETag"]!["$ref"]!.GetValue<string>()));
            Assert.NotNull(operation["responses"]!["503"]);
        });
    }

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z]+)(:[a-z]+)?\}")]
    private static partial Regex RouteParameter();
}
