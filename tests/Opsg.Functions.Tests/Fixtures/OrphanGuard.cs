using System.Diagnostics;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Stops a tool the tests started (Azurite, maildev) once the test host is gone, however it ends. The test platform can
/// end the test host before its ProcessExit handlers run, and a tool left behind outlived the run. The watcher is a
/// shell whose parent exits at once, so it belongs to no process tree the platform kills: it polls the test host and
/// sends the tool SIGTERM when the host has gone, then SIGKILL 3 s later if it is still there (maildev was seen to
/// outlive a SIGTERM by minutes).
/// </summary>
internal static class OrphanGuard
{
    public static void StopWithTestHost(Process tool)
    {
        if (OperatingSystem.IsWindows()) return; // no POSIX shell; the ProcessExit handlers are what is left there
        var watcher = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[]
        {
            "-c", "( while kill -0 \"$1\" 2>/dev/null; do sleep 1; done; kill \"$2\" 2>/dev/null; sleep 3; kill -0 \"$2\" 2>/dev/null && kill -9 \"$2\" 2>/dev/null ) </dev/null >/dev/null 2>&1 &",
            "sh", $"{Environment.ProcessId}", $"{tool.Id}",
        })
            watcher.ArgumentList.Add(argument);
        using var started = Process.Start(watcher);
        started?.WaitForExit();
    }
}
