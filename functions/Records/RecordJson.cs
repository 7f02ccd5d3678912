using System.Text.Json;
using System.Text.Json.Serialization;

namespace Opsg.Functions.Records;

/// <summary>The one JSON shape of the record and the API: camelCase members, enums as camelCase strings, nulls left out.</summary>
public static class RecordJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
