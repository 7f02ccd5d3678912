using System.Diagnostics;
using System.Globalization;
using Opsg.Functions.Tests.Fixtures;
using static Opsg.Functions.Benchmarks.WorkflowLatencyHarness;

namespace Opsg.Functions.Benchmarks;

/// <summary>
/// What storage transactions the app spends, counted by a proxy in front of Azurite (<see cref="CountingStorageProxy"/>):
/// the local host at rest (the Durable provider's polling, partition leases and the repair timer), then seed 002's whole
/// readiness review through the HTTP API for each of a few cases one after another, then seed 004's meeting (OPSG_25:
/// 20 items, 18 actions, 10 imported and reviewed, minutes rendered). A timeline's count is net of what the app costs
/// at rest over the same time, and of the harness's own status polls, priced at what one status read costs.
/// dotnet run -c Release --project tests/Opsg.Functions.Benchmarks -- cost [cases] [idle seconds]
/// </summary>
public static partial class CostHarness
{
    private const string Hub = "costhub";
    internal const string TagKey = "bench-tag";
    internal const string PanelAddress = "panel@example.org";
    internal const string DccKey = "bench-dcc";

    private sealed record Window(string What, TimeSpan Duration, IReadOnlyDictionary<(string Service, string Owner, string Operation), int> Counts, int Polls = 0);

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var idleSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 120;
        await using var azurite = await Azurite.StartAsync(location: null);
        Progress("azurite up");
        var maildev = await Maildev.Shared;
        Progress("maildev up");
        await using var proxy = await CountingStorageProxy.StartAsync(azurite, Hub);
        Progress("proxy up");
        if (Environment.GetEnvironmentVariable("COST_CHECK") is not null)
        {
            var table = new Azure.Data.Tables.TableClient(proxy.ConnectionString, "checktable");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("p", "r"));
            Progress("table ok");
            var queue = new Azure.Storage.Queues.QueueClient(proxy.ConnectionString, "checkqueue");
            await queue.CreateIfNotExistsAsync();
            await queue.SendMessageAsync("x");
            await queue.ReceiveMessagesAsync();
            Progress("queue ok");
            var blob = new Azure.Storage.Blobs.BlobContainerClient(proxy.ConnectionString, "checkblob");
            await blob.CreateIfNotExistsAsync();
            await blob.UploadBlobAsync("b", BinaryData.FromString("x"));
            Progress("blob ok");
            Console.WriteLine(string.Join("\n", proxy.TakeCounts().Select(c => $"{c.Key} {c.Value}")));
            return 0;
        }
        // Every minute rather than production's five, so a two-minute window sees whole runs; scaled below.
        var (process, http) = await StartLocalHostAsync(proxy.ConnectionString, TimelineSettings(maildev, Hub, "0 */1 * * * *"));
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            Progress("host up");
            var startup = new Window("start-up (host start → 10 s later)", TimeSpan.FromSeconds(10), proxy.TakeCounts());

            var windows = new List<Window>();
            for (var i = 0; i < cases; i++)
            {
                proxy.TakeCounts();
                var clock = Stopwatch.StartNew();
                var polls = await OneCaseAsync(http, maildev, i);
                windows.Add(new Window($"case {i + 1}", clock.Elapsed, proxy.TakeCounts(), polls));
            }
            var caseRead = await ReadCostAsync(http, proxy, "/api/cases/" + _lastCase);

            proxy.TakeCounts();
            var meetingClock = Stopwatch.StartNew();
            var meetingPolls = await OneMeetingAsync(http);
            var meeting = new Window("meeting OPSG_25 (and OPSG_24 created)", meetingClock.Elapsed, proxy.TakeCounts(), meetingPolls);
            var meetingRead = await ReadCostAsync(http, proxy, "/api/meetings/" + Seed004Meeting.Id);

            // At rest with the records above stored: the repair timer aligns each of them on every run.
            proxy.TakeCounts();
            var idleClock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
            var idle = new Window($"at rest, {cases} cases and 2 meetings stored", idleClock.Elapsed, proxy.TakeCounts());

            Console.WriteLine($"Task hub '{Hub}', Azure Storage provider with host.json's settings; repair every minute; {cases} cases one after another.");
            PrintWindow(startup, null, 0);
            PrintWindow(idle, null, 0);
            Console.WriteLine($"one status read (GET /api/cases/{{id}}), quiet: {Total(caseRead)} transactions: {Describe(caseRead)}");
            Console.WriteLine($"one meeting read (GET /api/meetings/{{id}}), quiet: {Total(meetingRead)} transactions: {Describe(meetingRead)}");
            var perSecond = idle.Counts.ToDictionary(c => c.Key, c => c.Value / idle.Duration.TotalSeconds);
            foreach (var window in windows) PrintWindow(window, perSecond, window.Polls * Total(caseRead));
            PrintWindow(meeting, perSecond, meeting.Polls * Total(meetingRead));
            var net = windows.Select(w => Net(w, perSecond, w.Polls * Total(caseRead))).ToList();
            Console.WriteLine($"per case, net: mean {net.Average():F0}, min {net.Min():F0}, max {net.Max():F0} transactions");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return 0;
    }

    /// <summary>
    /// What a local host needs for the whole timeline besides storage: the TAG and Panel keys, mail to maildev over
    /// loopback with the Panel at <see cref="PanelAddress"/>, the task hub and how often the repair timer runs.
    /// </summary>
    internal static Dictionary<string, string> TimelineSettings(Maildev maildev, string hub, string repairSchedule = "0 */5 * * * *") => new()
    {
        ["OpsgTaskHub"] = hub,
        ["OpsgRepairSchedule"] = repairSchedule,
        ["Auth__ApiKeys__Tag"] = TagKey,
        ["Auth__ApiKeys__Panel"] = "bench-panel",
        ["Mail__Host"] = "127.0.0.1",
        ["Mail__Port"] = maildev.SmtpPort.ToString(CultureInfo.InvariantCulture),
        ["Mail__TlsMode"] = "None",
        ["Mail__PanelRecipients"] = $"SEC Panel <{PanelAddress}>",
        ["Mail__SecretariatRecipients"] = "SECAS <secas@example.org>",
        ["Mail__DccRecipients"] = "DCC <dcc@example.org>",
    };

    private static string? _lastCase;
    private static readonly Stopwatch Since = Stopwatch.StartNew();

    private static void Progress(string what) => Console.Error.WriteLine($"[{Since.Elapsed.TotalSeconds,6:F1} s] {what}");

    private static int Total(IReadOnlyDictionary<(string, string, string), int> counts) => counts.Values.Sum();

    private static string Describe(IReadOnlyDictionary<(string Service, string Owner, string Operation), int> counts) =>
        string.Join("; ", counts.OrderBy(c => c.Key.Service).ThenBy(c => c.Key.Owner).ThenByDescending(c => c.Value)
            .Select(c => $"{c.Key.Service}/{c.Key.Owner} {c.Key.Operation} {c.Value}"));

    private static double Net(Window window, IReadOnlyDictionary<(string, string, string), double> perSecond, int pollCost) =>
        Total(window.Counts) - perSecond.Values.Sum() * window.Duration.TotalSeconds - pollCost;

    private static void PrintWindow(Window window, IReadOnlyDictionary<(string, string, string), double>? perSecond, int pollCost)
    {
        Console.WriteLine();
        Console.WriteLine($"== {window.What}: {window.Duration.TotalSeconds:F1} s, {Total(window.Counts)} transactions gross" +
            (perSecond is null ? $" ({Total(window.Counts) / window.Duration.TotalHours:F0} an hour)" :
                $"; at rest over the same time ≈ {perSecond.Values.Sum() * window.Duration.TotalSeconds:F0}; harness's {window.Polls} status polls ≈ {pollCost}; net ≈ {Net(window, perSecond, pollCost):F0}"));
        foreach (var service in window.Counts.GroupBy(c => (c.Key.Service, c.Key.Owner)).OrderBy(g => g.Key.Service).ThenBy(g => g.Key.Owner))
        {
            var rest = perSecond is null ? "" : $" (at rest over the same time ≈ {perSecond.Where(p => p.Key.Item1 == service.Key.Service && p.Key.Item2 == service.Key.Owner).Sum(p => p.Value) * window.Duration.TotalSeconds:F0})";
            Console.WriteLine($"  {service.Key.Service,-5} {service.Key.Owner,-7} {service.Sum(c => c.Value),6}{rest}: " +
                string.Join(", ", service.OrderByDescending(c => c.Value).Select(c => $"{c.Key.Operation} {c.Value}")));
        }
    }

    /// <summary>What one GET of <paramref name="url"/> costs once everything has settled: its own reads, not the queues' polling.</summary>
    private static async Task<IReadOnlyDictionary<(string Service, string Owner, string Operation), int>> ReadCostAsync(HttpClient http, CountingStorageProxy proxy, string url)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        proxy.TakeCounts();
        await WorkflowLatencyHarness.Expect(await SendAsync(http, HttpMethod.Get, url, SecasKey));
        return proxy.TakeCounts().Where(c => c.Key.Service == "table" && (c.Key.Owner == "app" || c.Key.Operation is "point read" or "query")).ToDictionary();
    }
}
