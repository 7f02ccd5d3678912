using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace Opsg.Functions.Tests.Hosting.OpenApi;

/// <summary>One answer the app gave: what was asked, and the status, media type and body it answered with.</summary>
public sealed record RecordedExchange(string Method, string Path, int Status, string? MediaType, string Body)
{
    public override string ToString() => $"{Method} {Path} → {Status} {MediaType}";
}

/// <summary>Keeps every answer the clients it is handed to receive, for checking against the OpenAPI document afterwards.</summary>
public sealed class ResponseRecorder
{
    private readonly ConcurrentQueue<RecordedExchange> _exchanges = new();

    public IReadOnlyList<RecordedExchange> Exchanges => [.. _exchanges];

    /// <summary>A client on <paramref name="app"/> whose every answer is recorded, as <paramref name="role"/> (null: anonymous).</summary>
    public HttpClient ClientAs(Fixtures.OpsgApp app, string? role)
    {
        var client = app.CreateDefaultClient(new Recording(this));
        client.Timeout = TimeSpan.FromSeconds(60);
        if (role is not null) client.DefaultRequestHeaders.Add("X-Api-Key", Fixtures.OpsgApp.ApiKeys[role]);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    private sealed class Recording(ResponseRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            recorder._exchanges.Enqueue(new RecordedExchange(
                request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
            return response;
        }
    }
}
