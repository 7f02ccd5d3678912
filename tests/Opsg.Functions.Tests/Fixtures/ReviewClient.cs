using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>Steps of the review over HTTP, each asserting the answer it expects so a failing step names itself.</summary>
public static class ReviewClient
{
    public static async Task<JsonNode> ExpectAsync(this Task<HttpResponseMessage> sending, HttpStatusCode expected)
    {
        var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}, expected {(int)expected}: {body}");
        return string.IsNullOrEmpty(body) ? new JsonObject() : JsonNode.Parse(body)!;
    }

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Http.Json);

    public static async Task<JsonNode> ReviewAsync(this HttpClient client, string caseId) =>
        await client.GetAsync($"/api/cases/{caseId}/review").ExpectAsync(HttpStatusCode.OK);

    public static JsonNode Criterion(this JsonNode review, int lsc) =>
        review["criteria"]!.AsArray().Single(c => c!["lsc"]!.GetValue<int>() == lsc)!;

    public static JsonNode Risk(this JsonNode review, int number) =>
        review["risks"]!.AsArray().Single(r => r!["number"]!.GetValue<int>() == number)!;

    public static string Text(this JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.')) current = current?[part];
        return current?.GetValue<string>() ?? throw new InvalidOperationException($"No {path} in {node.ToJsonString()}");
    }

    public static int[] Ints(this JsonNode node, string property) =>
        node[property]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
}
