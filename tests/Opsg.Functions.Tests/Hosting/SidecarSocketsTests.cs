using System.Diagnostics;
using Opsg.DevHost;

namespace Opsg.Functions.Tests.Hosting;

/// <summary>A sidecar that starts deletes the socket files of processes killed before they could, and only those.</summary>
public sealed class SidecarSocketsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sidecar-sockets-").FullName;

    [Fact]
    public void GivenSocketsOfAGoneProcessAndOfThisOne_WhenOrphansAreRemoved_ThenOnlyTheGoneProcessesGo()
    {
        var gone = ExitedProcessId();
        var orphan = Path.Combine(_folder, $"opsg-durable-{gone}-{Guid.NewGuid():N}.sock");
        var mine = SidecarSockets.NewPath(_folder);
        var unnamed = Path.Combine(_folder, $"opsg-durable-{Guid.NewGuid():N}.sock"); // an older naming: no owner to ask
        foreach (var path in new[] { orphan, mine, unnamed }) File.WriteAllText(path, "");

        var removed = SidecarSockets.RemoveOrphans(_folder);

        Assert.Equal([orphan], removed);
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(mine));
        Assert.True(File.Exists(unnamed));
    }

    [Theory]
    [InlineData("opsg-durable-4242-0123456789abcdef0123456789abcdef.sock", 4242)]
    [InlineData("opsg-durable-0123456789abcdef0123456789abcdef.sock", null)]
    [InlineData("opsg-durable-4242-short.sock", null)]
    [InlineData("opsg-durable--0123456789abcdef0123456789abcdef.sock", null)]
    [InlineData("other-4242-0123456789abcdef0123456789abcdef.sock", null)]
    public void TheOwnerIsReadOnlyFromANameThisNamingMade(string name, int? owner) =>
        Assert.Equal(owner, SidecarSockets.OwnerOf(Path.Combine("/tmp", name)));

    [Fact]
    public void ANewPathNamesThisProcess() =>
        Assert.Equal(Environment.ProcessId, SidecarSockets.OwnerOf(SidecarSockets.NewPath(_folder)));

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
