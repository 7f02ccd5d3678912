using System.Diagnostics;
using System.Globalization;

namespace Opsg.DevHost;

/// <summary>
/// Where each Durable sidecar listens: a Unix socket file in the temp folder, named for the process that owns it. A
/// process killed outright (SIGKILL, a crash, a fault test) cannot delete its file, so each sidecar that starts
/// deletes the files of processes that no longer run. A file whose process still runs is never touched, nor is a
/// file this naming did not make.
/// </summary>
public static class SidecarSockets
{
    private const string Prefix = "opsg-durable-";
    private const string Extension = ".sock";

    public static string NewPath(string folder) =>
        Path.Combine(folder, $"{Prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}{Extension}");

    /// <summary>Deletes the socket files in <paramref name="folder"/> left by processes that are gone; the paths deleted.</summary>
    public static IReadOnlyList<string> RemoveOrphans(string folder)
    {
        var removed = new List<string>();
        foreach (var path in Directory.EnumerateFiles(folder, $"{Prefix}*{Extension}"))
        {
            if (OwnerOf(path) is not { } pid || Runs(pid)) continue;
            try
            {
                File.Delete(path);
                removed.Add(path);
            }
            catch (IOException) { } // another sidecar starting at the same time deleted it first
            catch (UnauthorizedAccessException) { } // another user's file
        }
        return removed;
    }

    /// <summary>The process id in a name <see cref="NewPath"/> made; none for any other name.</summary>
    public static int? OwnerOf(string path)
    {
        var name = Path.GetFileName(path);
        if (!name.StartsWith(Prefix, StringComparison.Ordinal) || !name.EndsWith(Extension, StringComparison.Ordinal)) return null;
        var rest = name[Prefix.Length..^Extension.Length];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && rest.Length - dash - 1 == 32 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static bool Runs(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
