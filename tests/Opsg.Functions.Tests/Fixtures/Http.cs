using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Opsg.Functions.Tests.Fixtures;

public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static async Task<JsonNode> Json_(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");

    public static async Task<string> OpenCaseAsync(this HttpClient secas, object? body = null)
    {
        var response = await secas.PostJson("/api/cases", body ?? Seed002.OpenCase);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Json_())["id"]!.GetValue<string>();
    }

    /// <summary>
    /// DELETE /api/cases/{id} as SECAS sends it: with If-Match at the ETag the case has now, read again and sent again
    /// (a few times) when the engine recorded a step in between (412), as the problem's detail says to.
    /// </summary>
    public static async Task<HttpResponseMessage> PurgeAsync(this HttpClient secas, string caseId)
    {
        for (var attempt = 0; ; attempt++)
        {
            var etag = (await secas.GetAsync($"/api/cases/{caseId}")).Headers.ETag;
            using var purge = new HttpRequestMessage(HttpMethod.Delete, $"/api/cases/{caseId}");
            if (etag is not null) purge.Headers.IfMatch.Add(etag);
            var response = await secas.SendAsync(purge);
            if (response.StatusCode != System.Net.HttpStatusCode.PreconditionFailed || attempt == 4) return response;
            await Task.Delay(200);
        }
    }

    /// <summary>Polls until the condition holds; a deadline, not a timing assertion.</summary>
    public static async Task<JsonNode> WaitForAsync(this HttpClient client, string caseId, Func<JsonNode, bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await client.GetAsync($"/api/cases/{caseId}");
            last = await response.Json_();
            // Only a status counts: a 503 while the machine is saturated is polled again, not judged.
            if (response.IsSuccessStatusCode && condition(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"Case {caseId} did not reach the expected state. Last status: {last?.ToJsonString()}");
    }
}

public static class HealthWaits
{
    /// <summary>Storage and the workflow engine come up in the background at start-up; wait until health says both answer.</summary>
    public static async Task<System.Text.Json.Nodes.JsonNode> WaitForHealthyAsync(this HttpClient client, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var response = await client.GetAsync("/api/health");
            if (response.StatusCode == System.Net.HttpStatusCode.OK) return await response.Json_();
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Health never turned 200: " + await response.Content.ReadAsStringAsync());
            await Task.Delay(100);
        }
    }
}
