using System.Diagnostics;
using Opsg.Functions.Reports;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Reports;

/// <summary>
/// Each report opens in headless Chromium and comes out as an A4-sized screenshot and a PDF. The
/// files stay in the temp folder printed by the test so a person can look at them.
/// </summary>
public sealed class ReportPrintTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Output = Path.Combine(Path.GetTempPath(), "opsg-report-prints");

    public static TheoryData<string> Kinds() => [.. ReportKinds.All];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task GivenTheSeedCase_WhenChromiumPrintsTheReport_ThenAPngAndAPdfComeOut(string kind)
    {
        Assert.True(File.Exists(Chromium), "Chromium is missing: scripts/test.sh installs it (apt-get install -y chromium).");
        Directory.CreateDirectory(Output);
        var html = Path.Combine(Output, kind + ".html");
        var png = Path.Combine(Output, kind + ".png");
        var pdf = Path.Combine(Output, kind + ".pdf");
        foreach (var file in new[] { png, pdf }) File.Delete(file);
        await File.WriteAllTextAsync(html, Fixtures.Reports.Renderer.Render(kind, Seed002History.State()));

        await RunChromiumAsync($"--screenshot={png} --window-size=1240,1754 file://{html}");
        await RunChromiumAsync($"--print-to-pdf={pdf} --no-pdf-header-footer file://{html}");

        Assert.True(new FileInfo(png).Length > 20_000, $"{png} is too small to hold a report");
        var pdfBytes = await File.ReadAllBytesAsync(pdf);
        Assert.True(pdfBytes.Length > 10_000, $"{pdf} is too small to hold a report");
        Assert.Equal("%PDF-"u8.ToArray(), pdfBytes[..5]);
    }

    private static async Task RunChromiumAsync(string arguments)
    {
        var profile = Directory.CreateTempSubdirectory("opsg-chromium-");
        try
        {
            var start = new ProcessStartInfo(Chromium,
                "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run " +
                $"--user-data-dir={profile.FullName} {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            // A deadline, not a timing assertion: the machine may be busy, Chromium must only finish.
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            try { await process.WaitForExitAsync(deadline.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException("Chromium did not finish: " + await stderr); }
            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {await stderr}");
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
