using System.Text.Json.Nodes;

namespace Opsg.Functions.Tests.Hosting.OpenApi;

/// <summary>The test's own schema validator accepts what fits and rejects, by path, what does not.</summary>
public sealed class SchemaValidatorTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""
        {
          "components": { "schemas": {
            "Rag": { "type": "string", "enum": ["green", "amber", "red"] },
            "Row": {
              "type": "object",
              "properties": {
                "id": { "type": "string" },
                "number": { "type": "integer", "format": "int32" },
                "rag": { "$ref": "#/components/schemas/Rag" },
                "targetDate": { "type": ["null", "string"], "format": "date" },
                "at": { "type": "string", "format": "date-time" },
                "tags": { "type": "array", "items": { "type": "string" } },
                "view": { "oneOf": [ { "type": "null" }, { "$ref": "#/components/schemas/Rag" } ] }
              },
              "required": ["id", "number"]
            },
            "Closed": { "type": "object", "properties": { "a": { "type": "integer" } }, "additionalProperties": false },
            "Errors": { "type": "object", "additionalProperties": { "type": "array", "items": { "type": "string" } } },
            "Either": { "anyOf": [ { "type": "string" }, { "type": "integer" } ] },
            "Both": { "allOf": [ { "$ref": "#/components/schemas/Row" }, { "required": ["rag"] } ] },
            "Odd": { "type": "object", "minProperties": 1 }
          } }
        }
        """)!;

    private static IReadOnlyList<string> Errors(string json, string schema) =>
        new SchemaValidator(Document).Errors(JsonNode.Parse(json), JsonNode.Parse($$"""{ "$ref": "#/components/schemas/{{schema}}" }""")!);

    [Theory]
    [InlineData("""{"id":"OPSG 1/01","number":1}""", "Row")]
    [InlineData("""{"id":"x","number":2,"rag":"amber","targetDate":null,"at":"2020-02-28T10:00:00+00:00","tags":["a"],"view":null}""", "Row")]
    [InlineData("""{"id":"x","number":2.0,"targetDate":"2020-03-31","at":"2020-02-28T10:00:00.123Z","view":"red","unknown":true}""", "Row")]
    [InlineData("""{"a":1}""", "Closed")]
    [InlineData("""{"text":["one","two"]}""", "Errors")]
    [InlineData("\"text\"", "Either")]
    [InlineData("7", "Either")]
    [InlineData("""{"id":"x","number":1,"rag":"green"}""", "Both")]
    public void GivenAFittingValue_ThenNoErrors(string json, string schema) => Assert.Empty(Errors(json, schema));

    [Theory]
    [InlineData("""{"number":1}""", "Row", "$: required member 'id' is missing")]
    [InlineData("""{"id":1,"number":1}""", "Row", "$.id: 1 is integer, not string")]
    [InlineData("""{"id":"x","number":1.5}""", "Row", "$.number: 1.5 is number, not integer")]
    [InlineData("""{"id":"x","number":"1"}""", "Row", "$.number: \"1\" is string, not integer")]
    [InlineData("""{"id":null,"number":1}""", "Row", "$.id: null is null, not string")]
    [InlineData("""{"id":"x","number":1,"rag":"Amber"}""", "Row", "$.rag: \"Amber\" is not one of")]
    [InlineData("""{"id":"x","number":1,"rag":2}""", "Row", "$.rag: 2 is integer, not string")]
    [InlineData("""{"id":"x","number":1,"targetDate":"28/02/2020"}""", "Row", "$.targetDate: \"28/02/2020\" is not a date")]
    [InlineData("""{"id":"x","number":1,"at":"2020-02-28"}""", "Row", "$.at: \"2020-02-28\" is not a date-time")]
    [InlineData("""{"id":"x","number":1,"tags":["a",3]}""", "Row", "$.tags[1]: 3 is integer, not string")]
    [InlineData("""{"id":"x","number":1,"tags":"a"}""", "Row", "$.tags: \"a\" is string, not array")]
    [InlineData("""{"id":"x","number":1,"view":"blue"}""", "Row", "$.view: \"blue\" matches 0 of oneOf")]
    [InlineData("[]", "Row", "$: [] is array, not object")]
    [InlineData("""{"a":1,"b":2}""", "Closed", "$.b: no value is allowed here")]
    [InlineData("""{"text":"one"}""", "Errors", "$.text: \"one\" is string, not array")]
    [InlineData("true", "Either", "$: true matches none of anyOf")]
    [InlineData("""{"id":"x","number":1}""", "Both", "$: required member 'rag' is missing")]
    [InlineData("""{"a":1}""", "Odd", "the validator does not know the keyword 'minProperties'")]
    public void GivenAWrongValue_ThenAnErrorAtItsPath(string json, string schema, string expected)
    {
        var errors = Errors(json, schema);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void GivenAnUnresolvableReference_ThenItThrows() =>
        Assert.Throws<ArgumentException>(() => new SchemaValidator(Document).Errors(JsonNode.Parse("1"), JsonNode.Parse("""{ "$ref": "#/components/schemas/Missing" }""")!));
}
