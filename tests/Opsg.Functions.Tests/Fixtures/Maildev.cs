using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// A real maildev (the repo's pinned npm package) on free loopback ports: the SMTP server the app sends to,
/// and its REST API (GET /api/email) to read what arrived. One per test run; tests tell their messages
/// apart by recipient address.
/// </summary>
public sealed class Maildev
{
    private static readonly Lazy<Task<Maildev>> SharedInstance = new(StartAsync);
    private static readonly HttpClient Api = new();

    private Maildev(int smtpPort, int webPort)
    {
        SmtpPort = smtpPort;
        WebPort = webPort;
    }

    public int SmtpPort { get; }
    public int WebPort { get; }

    public static Task<Maildev> Shared => SharedInstance.Value;

    /// <summary>The app's Mail__ settings for this server.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Mail:Host"] = "127.0.0.1",
        ["Mail:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:TlsMode"] = "None",
        ["Mail:From"] = "OPSG Secretariat <opsg@secas.example>",
    };

    /// <summary>Every message received so far for <paramref name="address"/>.</summary>
    public async Task<IReadOnlyList<JsonObject>> MessagesToAsync(string address)
    {
        var all = await Api.GetFromJsonAsync<JsonArray>($"http://127.0.0.1:{WebPort}/api/email") ?? [];
        return all.Select(m => m!.AsObject())
            .Where(m => m["to"]!.AsArray().Any(t => string.Equals(t!["address"]!.GetValue<string>(), address, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }

    /// <summary>Waits until <paramref name="count"/> messages reached <paramref name="address"/>; a deadline, not a timing assertion.</summary>
    public async Task<IReadOnlyList<JsonObject>> WaitForAsync(string address, int count = 1, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var messages = await MessagesToAsync(address);
            if (messages.Count >= count) return messages;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{messages.Count} of {count} messages reached {address} within {seconds} s.");
            await Task.Delay(200);
        }
    }

    private static async Task<Maildev> StartAsync()
    {
        var maildev = new Maildev(LoopbackPorts.Free(), LoopbackPorts.Free());
        var binary = Path.Combine(Azurite.RepoRoot(), "node_modules", ".bin", "maildev");
        if (!File.Exists(binary)) throw new InvalidOperationException("maildev is not installed: run `npm ci` at the repository root (scripts/test.sh does).");
        var folder = Path.Combine(Path.GetTempPath(), "opsg-maildev-" + Guid.NewGuid().ToString("N"));
        var process = Process.Start(new ProcessStartInfo(binary,
            $"--silent --smtp {maildev.SmtpPort} --ip 127.0.0.1 --web {maildev.WebPort} --web-ip 127.0.0.1 --mail-directory \"{folder}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("Could not start maildev.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        OrphanGuard.StopWithTestHost(process);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        };

        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var port in new[] { maildev.SmtpPort, maildev.WebPort })
        {
            while (!await LoopbackPorts.ListensAsync(port))
            {
                if (process.HasExited) throw new InvalidOperationException($"maildev exited with code {process.ExitCode}.");
                if (DateTime.UtcNow > deadline) throw new TimeoutException($"maildev did not listen on {port} within 30 s.");
                await Task.Delay(100);
            }
        }
        return maildev;
    }

}
