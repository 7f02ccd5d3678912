using System.Net;
using System.Text.Json.Nodes;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>Assertions on RFC 9457 problem-details answers.</summary>
public static class ProblemAssert
{
    /// <summary>
    /// The answer is a problem with the expected status, a title and a detail; for a 400 its
    /// <c>errors</c> name at least <paramref name="fields"/>. Returns the problem body.
    /// </summary>
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] fields)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}, expected {(int)status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), "title missing: " + text);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), "detail missing: " + text);
        if (status == HttpStatusCode.BadRequest)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors is { Count: > 0 }, "errors missing: " + text);
            foreach (var field in fields)
                Assert.True(errors!.ContainsKey(field), $"errors do not name '{field}': {text}");
        }
        return problem;
    }

    /// <summary>The names in the problem's <c>errors</c>.</summary>
    public static string[] ErrorFields(this JsonObject problem) =>
        problem["errors"]?.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal).ToArray() ?? [];

    /// <summary>Every message the problem gives for one field, joined.</summary>
    public static string ErrorsFor(this JsonObject problem, string field) =>
        string.Join(" ", problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()));
}
