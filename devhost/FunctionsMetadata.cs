using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opsg.DevHost;

/// <summary>The functions the build declared for the Functions host (functions.metadata): exactly what this host serves.</summary>
public sealed record FunctionsMetadata(IReadOnlyList<FunctionMetadata> Functions)
{
    public const string FileName = "functions.metadata";

    public static FunctionsMetadata Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"No {FileName} beside the host: build functions/ first (dotnet build devhost does).", path);
        var functions = JsonSerializer.Deserialize<List<FunctionMetadata>>(File.ReadAllText(path), JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"{path} is empty.");
        return new FunctionsMetadata(functions);
    }

    public IEnumerable<(FunctionMetadata Function, BindingMetadata Trigger)> WithTrigger(string type) =>
        Functions.Select(f => (f, f.Bindings.FirstOrDefault(b => string.Equals(b.Type, type, StringComparison.OrdinalIgnoreCase))))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.f, p.Item2!));
}

public sealed record FunctionMetadata(string Name, string EntryPoint, IReadOnlyList<BindingMetadata> Bindings);

public sealed record BindingMetadata(
    string Name,
    string Type,
    string Direction,
    [property: JsonPropertyName("methods")] IReadOnlyList<string>? Methods,
    [property: JsonPropertyName("route")] string? Route,
    [property: JsonPropertyName("schedule")] string? Schedule);
