using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// An HTTP proxy in front of Azurite's Table endpoint that can lose one kind of request on its way: storage gets the
/// request and writes it, but its answer never comes back (<see cref="Fault.AnswerLost"/>), or the request waits in
/// the network until released and is written late (<see cref="Fault.WrittenLate"/>). What a frozen or partitioned
/// storage account does to one write, made exact: the app cannot know whether its write happened.
/// </summary>
public sealed class TableProxy : IAsyncDisposable
{
    public enum Fault { None, AnswerLost, WrittenLate }

    private readonly WebApplication _server;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Uri _target;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Task> _late = [];
    private int _caught;
    private int _written;

    private TableProxy(Uri target, int port)
    {
        _target = target;
        Port = port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _server = builder.Build();
        _server.Run(ForwardAsync);
    }

    public int Port { get; }

    /// <summary>Which requests to lose, by a text their body holds (a batch that appends a note with it, say), and how.</summary>
    public (Fault Fault, string Marker) Losing { get; set; } = (Fault.None, "");

    /// <summary>How many requests the fault has caught so far (the SDK retries a try that had no answer).</summary>
    public int Caught => Volatile.Read(ref _caught);

    /// <summary>How many caught requests storage has answered (written, or refused) whose answer was then lost.</summary>
    public int AnsweredButLost => Volatile.Read(ref _written);

    /// <summary>Azurite's connection string with the Table endpoint through a new proxy.</summary>
    public static async Task<(TableProxy Proxy, string ConnectionString)> StartAsync(Azurite azurite)
    {
        var proxy = new TableProxy(new Uri($"http://127.0.0.1:{azurite.TablePort}"), LoopbackPorts.Free());
        await proxy._server.StartAsync();
        return (proxy, azurite.ConnectionString.Replace($":{azurite.TablePort}/", $":{proxy.Port}/", StringComparison.Ordinal));
    }

    /// <summary>Lets the requests held by <see cref="Fault.WrittenLate"/> go on to storage, and waits until storage has answered them.</summary>
    public async Task ReleaseAsync()
    {
        _released.TrySetResult();
        Task[] late;
        lock (_late) late = [.. _late];
        await Task.WhenAll(late);
    }

    private async Task ForwardAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        var (fault, marker) = Losing;
        var caught = fault != Fault.None && marker.Length > 0 && Encoding.UTF8.GetString(bytes).Contains(marker, StringComparison.Ordinal);
        if (caught) Interlocked.Increment(ref _caught);

        if (caught && fault == Fault.WrittenLate)
        {
            // The app has given up on this request long before it reaches storage.
            var copy = Copy(http.Request, bytes);
            var late = Task.Run(async () =>
            {
                await _released.Task;
                using var answer = await _upstream.SendAsync(copy);
            });
            lock (_late) _late.Add(late);
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { });
            return;
        }

        using var response = await _upstream.SendAsync(Copy(http.Request, bytes), HttpCompletionOption.ResponseContentRead);
        if (caught && fault == Fault.AnswerLost)
        {
            Interlocked.Increment(ref _written);
            // Written; the answer never comes. The app stops waiting (its own timeout) and the connection goes.
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { });
            return;
        }
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            if (!string.Equals(name, "Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                http.Response.Headers[name] = values.ToArray();
        await http.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
    }

    private HttpRequestMessage Copy(HttpRequest request, byte[] body)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_target, request.Path + request.QueryString));
        if (body.Length > 0 || request.ContentLength is not null) message.Content = new ByteArrayContent(body);
        foreach (var (name, values) in request.Headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase)) continue;
            if (!message.Headers.TryAddWithoutValidation(name, values.ToArray()))
                message.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
        }
        return message;
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        await _server.DisposeAsync();
        _upstream.Dispose();
    }
}
