using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// infra/main.bicep compiled to an ARM template by the pinned Bicep CLI, once per test class.
/// scripts/bicep.sh restores and finds the compiler the same way CI's infra check does, so this
/// needs nothing installed beyond the .NET SDK.
/// </summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    public JsonObject Template { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Azurite.RepoRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["scripts/bicep.sh", "build", "infra/main.bicep", "--stdout", "--no-restore"])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"bicep build infra/main.bicep failed:\n{await errors}");
        Template = JsonNode.Parse(await output)!.AsObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Every resource, those of the modules' nested templates included.</summary>
    public IEnumerable<JsonObject> Resources() => ResourcesOf(Template);

    /// <summary>The name and value of each application setting the Function App is given.</summary>
    public IReadOnlyList<(string Name, string Value)> AppSettings() =>
        Resources().Single(r => Text(r["type"]) == "Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .Select(setting => (Text(setting!["name"]), Text(setting["value"])))
            .ToList();

    /// <summary>The template of every module (nested deployment), at any depth.</summary>
    public IEnumerable<JsonObject> ModuleTemplates() =>
        Resources().Select(r => r["properties"] is JsonObject p ? p["template"] as JsonObject : null).OfType<JsonObject>();

    /// <summary>Every ARM template expression ("[…]" string) anywhere in the template.</summary>
    public IEnumerable<string> Expressions() =>
        Strings(Template).Where(s => s.StartsWith('[') && s.EndsWith(']') && !s.StartsWith("[[", StringComparison.Ordinal));

    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template)
    {
        // An array of resources, or (language version 2.0) an object keyed by symbolic name.
        var resources = template["resources"] switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            JsonObject byName => byName.Select(r => r.Value!.AsObject()),
            _ => [],
        };
        foreach (var resource in resources)
        {
            yield return resource;
            // A resource's properties may be one expression ("[variables('…')]") rather than an object.
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
                foreach (var inner in ResourcesOf(nested))
                    yield return inner;
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    private static string Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString() ?? "";
}
