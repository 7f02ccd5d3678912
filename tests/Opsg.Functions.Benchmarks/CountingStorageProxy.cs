using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// A pass-through proxy in front of Azurite's blob, queue and table endpoints that counts every request by service,
/// by whose resource it touches (the Durable task hub's or the app's) and by billable operation. It sits outside the
/// local host, so it sees what the Durable provider and the app's own SDK clients send, retries included, without a
/// hook in either; a request is what Azure bills as a transaction (an entity-group batch is one).
/// </summary>
public sealed class CountingStorageProxy : IAsyncDisposable
{
    private readonly List<WebApplication> _servers = [];
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 256 });
    private readonly string _hub;
    private ConcurrentDictionary<(string Service, string Owner, string Operation), int> _counts = new();

    private CountingStorageProxy(string hub) => _hub = hub.ToLowerInvariant();

    public string ConnectionString { get; private set; } = "";

    /// <summary>Starts one listener per service; <paramref name="hub"/> names the task hub whose tables, queues and containers count as Durable's.</summary>
    public static async Task<CountingStorageProxy> StartAsync(Azurite azurite, string hub)
    {
        var proxy = new CountingStorageProxy(hub);
        var connection = azurite.ConnectionString;
        foreach (var (service, port) in new[] { ("blob", azurite.BlobPort), ("queue", azurite.QueuePort), ("table", azurite.TablePort) })
        {
            var own = LoopbackPorts.Free();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{own}");
            var server = builder.Build();
            var target = new Uri($"http://127.0.0.1:{port}");
            server.Run(http => proxy.ForwardAsync(http, service, target));
            await server.StartAsync();
            proxy._servers.Add(server);
            connection = connection.Replace($":{port}/", $":{own}/", StringComparison.Ordinal);
        }
        proxy.ConnectionString = connection;
        return proxy;
    }

    /// <summary>The counts so far, and a fresh start.</summary>
    public IReadOnlyDictionary<(string Service, string Owner, string Operation), int> TakeCounts() =>
        Interlocked.Exchange(ref _counts, new()).ToDictionary();

    private async Task ForwardAsync(HttpContext http, string service, Uri target)
    {
        var request = http.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        _counts.AddOrUpdate((service, Owner(service, request.Path.Value ?? "", bytes), Operation(service, request)), 1, (_, n) => n + 1);

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(target, http.Features.Get<IHttpRequestFeature>()!.RawTarget));
        if (bytes.Length > 0 || request.ContentLength is not null) forward.Content = new ByteArrayContent(bytes);
        foreach (var (name, values) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            if (!forward.Headers.TryAddWithoutValidation(name, values.ToArray()))
                forward.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        // Forwarded as sent (RawTarget, not the decoded path re-encoded): Shared Key signs the encoded resource. It
        // does not sign the Host, so the port change keeps the signature valid.
        using var response = await _upstream.SendAsync(forward, HttpCompletionOption.ResponseContentRead, http.RequestAborted);
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (!name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                http.Response.Headers[name] = values.ToArray();
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (answer.Length > 0 && request.Method != "HEAD") await http.Response.Body.WriteAsync(answer);
    }

    // Path: /devstoreaccount1/<table, queue or container>[/...]; Durable's resources carry the hub's name.
    private string Owner(string service, string path, byte[] body)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var resource = segments.Length > 1 ? segments[1] : "";
        // An entity-group batch names its table only inside its body.
        if (service == "table" && resource == "$batch")
            return System.Text.Encoding.UTF8.GetString(body).Contains("/" + _hub, StringComparison.OrdinalIgnoreCase) ? "durable" : "app";
        return resource.StartsWith(_hub, StringComparison.OrdinalIgnoreCase) ? "durable" : "app";
    }

    private static string Operation(string service, HttpRequest request)
    {
        var method = request.Method;
        var query = request.Query;
        var path = request.Path.Value ?? "";
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return service switch
        {
            "table" when segments.Length > 1 && segments[1] == "$batch" => "entity-group transaction",
            "table" when segments.Length > 1 && segments[1].StartsWith("Tables", StringComparison.Ordinal) => $"{method} table (create/list)",
            "table" when method == "GET" && path.Contains("PartitionKey=", StringComparison.Ordinal) && path.Contains("RowKey=", StringComparison.Ordinal) => "point read",
            "table" when method == "GET" => "query",
            "table" when method == "POST" => "insert",
            "table" when method is "PUT" or "MERGE" or "PATCH" => request.Headers.IfMatch.Count > 0 ? "update (If-Match)" : "upsert",
            "table" when method == "DELETE" => "delete",
            "queue" when method == "GET" && segments.LastOrDefault() == "messages" && query["peekonly"] == "true" => "peek messages",
            "queue" when method == "GET" && segments.LastOrDefault() == "messages" => "get messages",
            "queue" when method == "POST" => "put message",
            "queue" when method == "DELETE" && segments.Length > 3 => "delete message",
            "queue" when method == "PUT" && segments.Length > 3 => "update message",
            "queue" when query["comp"] == "metadata" => $"{method} queue metadata",
            "queue" => $"{method} queue",
            "blob" when query["comp"] == "lease" => "lease",
            "blob" when query["restype"] == "container" && query["comp"] == "list" => "list blobs",
            "blob" when query["restype"] == "container" => $"{method} container",
            "blob" when method == "PUT" => "write blob",
            "blob" when method == "GET" => "read blob",
            "blob" when method == "HEAD" => "blob properties",
            "blob" when method == "DELETE" => "delete blob",
            _ => $"{method} other",
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers) await server.DisposeAsync();
        _upstream.Dispose();
    }
}
