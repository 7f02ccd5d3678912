using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// The Debian Chromium, headless, driven over the DevTools protocol on a loopback port: open a file,
/// emulate print media at a given width, evaluate script (awaiting promises). One page, one
/// connection, commands answered in order; enough for looking at our own documents.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly ClientWebSocket _socket = new();
    private int _lastId;

    private HeadlessChromium(Process process, DirectoryInfo profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<HeadlessChromium> StartAsync()
    {
        if (!File.Exists(Executable)) throw new InvalidOperationException("Chromium is missing: scripts/test.sh installs it (apt-get install -y chromium).");
        var profile = Directory.CreateTempSubdirectory("opsg-chromium-");
        var process = Process.Start(new ProcessStartInfo(Executable,
            "--headless --no-sandbox --disable-gpu --hide-scrollbars --disable-background-networking --disable-component-update --disable-sync --no-first-run " +
            $"--remote-debugging-address=127.0.0.1 --remote-debugging-port=0 --user-data-dir={profile.FullName} about:blank")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("Could not start Chromium.");
        var chromium = new HeadlessChromium(process, profile);
        try
        {
            await chromium.ConnectAsync();
            return chromium;
        }
        catch
        {
            await chromium.DisposeAsync();
            throw;
        }
    }

    private async Task ConnectAsync()
    {
        _ = _process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(Deadline);
        // Chromium announces "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…" on stderr.
        string? browserUrl = null;
        while (browserUrl is null)
        {
            var line = await _process.StandardError.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("Chromium exited before listening.");
            var at = line.IndexOf("ws://", StringComparison.Ordinal);
            if (line.StartsWith("DevTools listening on", StringComparison.Ordinal) && at >= 0) browserUrl = line[at..].Trim();
        }
        _ = DrainAsync(_process.StandardError);
        var port = new Uri(browserUrl).Port;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var targets = await http.GetFromJsonAsync<JsonArray>("/json/list", deadline.Token) ?? [];
        var page = targets.FirstOrDefault(t => t?["type"]?.GetValue<string>() == "page") ?? throw new InvalidOperationException("Chromium opened no page.");
        await _socket.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), deadline.Token);
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        try { while (await reader.ReadLineAsync() is not null) { } }
        catch (ObjectDisposedException) { }
        catch (IOException) { }
    }

    /// <summary>Loads the file and waits until its load event has fired.</summary>
    public async Task OpenAsync(string path)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = new Uri(path).AbsoluteUri });
        var until = DateTime.UtcNow + Deadline;
        while ((await EvaluateAsync("document.readyState"))?.GetValue<string>() != "complete")
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{path} did not finish loading.");
            await Task.Delay(50);
        }
    }

    /// <summary>Lays the page out as it prints: print media, at a viewport of the printable width.</summary>
    public async Task EmulatePrintAsync(int widthPx, int heightPx)
    {
        await SendAsync("Emulation.setEmulatedMedia", new JsonObject { ["media"] = "print" });
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = widthPx, ["height"] = heightPx, ["deviceScaleFactor"] = 1, ["mobile"] = false });
    }

    /// <summary>The page as an A4 PDF, with the document's own @page rules (margins, running header and footer).</summary>
    public async Task<byte[]> PrintToPdfAsync()
    {
        var answer = await SendAsync("Page.printToPDF", new JsonObject
        {
            ["printBackground"] = true,
            ["preferCSSPageSize"] = true,
            ["paperWidth"] = 8.27,
            ["paperHeight"] = 11.69,
        });
        return Convert.FromBase64String(answer!["data"]!.GetValue<string>());
    }

    /// <summary>A PNG of the whole page as the screen shows it at the current width.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var answer = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        return Convert.FromBase64String(answer!["data"]!.GetValue<string>());
    }

    /// <summary>Back to the screen: media as the browser has it, at the given window size.</summary>
    public async Task EmulateScreenAsync(int widthPx, int heightPx)
    {
        await SendAsync("Emulation.setEmulatedMedia", new JsonObject { ["media"] = "" });
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = widthPx, ["height"] = heightPx, ["deviceScaleFactor"] = 1, ["mobile"] = false });
    }

    /// <summary>Runs the expression in the page, awaits it if it is a promise, and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var answer = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true });
        if (answer?["exceptionDetails"] is { } failed) throw new InvalidOperationException("Script failed in Chromium: " + failed.ToJsonString());
        return answer?["result"]?["value"];
    }

    private async Task<JsonNode?> SendAsync(string method, JsonObject parameters)
    {
        var id = ++_lastId;
        using var deadline = new CancellationTokenSource(Deadline);
        var command = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(command.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, deadline.Token);
        while (true)
        {
            var message = await ReceiveAsync(deadline.Token);
            if (message["id"]?.GetValue<int>() != id) continue; // an event, or an answer nobody waits for
            if (message["error"] is { } error) throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
            return message["result"];
        }
    }

    private async Task<JsonNode> ReceiveAsync(CancellationToken cancellation)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        WebSocketReceiveResult received;
        do
        {
            received = await _socket.ReceiveAsync(chunk, cancellation);
            if (received.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("Chromium closed the connection.");
            buffer.Write(chunk, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return JsonNode.Parse(buffer.ToArray()) ?? throw new InvalidOperationException("Chromium sent an empty message.");
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { _profile.Delete(recursive: true); } catch (IOException) { }
    }
}
