using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// The Nu Html Checker (npm vnu-jar, pinned in package.json) run on Java over files in one go, since
/// starting the JVM costs seconds. Answers each file's messages as the checker reports them.
/// </summary>
public static class NuHtmlChecker
{
    public sealed record Message(string Type, string SubType, string Text, int Line, string Extract)
    {
        public bool IsError => Type is "error" or "non-document-error";

        public bool IsWarning => Type == "info" && SubType == "warning";

        public override string ToString() => $"{(IsError ? "error" : SubType.Length > 0 ? SubType : Type)} at line {Line}: {Text} «{Extract.Trim()}»";
    }

    public static string Jar => Path.Combine(Azurite.RepoRoot(), "node_modules", "vnu-jar", "build", "dist", "vnu.jar");

    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<Message>>> CheckAsync(IReadOnlyCollection<string> files)
    {
        if (!File.Exists(Jar)) throw new InvalidOperationException($"{Jar} is missing: run `npm ci` at the repository root (scripts/test.sh does).");
        var start = new ProcessStartInfo("java", ["-jar", Jar, "--format", "json", .. files])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start java: Java 17 or later is needed for the Nu Html Checker.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        // The checker writes its JSON report to stderr.
        var report = await process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(deadline.Token);
        await stdout;

        var messages = JsonNode.Parse(report)?["messages"]?.AsArray() ?? throw new InvalidOperationException("The checker gave no report: " + report);
        var byFile = files.ToDictionary(Path.GetFullPath, _ => new List<Message>());
        foreach (var m in messages)
        {
            // The checker names files as file:/tmp/x.html.
            var url = m?["url"]?.GetValue<string>() ?? "";
            var file = url.StartsWith("file:", StringComparison.Ordinal) ? "/" + Uri.UnescapeDataString(url["file:".Length..]).TrimStart('/') : url;
            var message = new Message(
                m?["type"]?.GetValue<string>() ?? "", m?["subType"]?.GetValue<string>() ?? "", m?["message"]?.GetValue<string>() ?? "",
                m?["lastLine"]?.GetValue<int>() ?? 0, m?["extract"]?.GetValue<string>() ?? "");
            if (byFile.TryGetValue(file, out var list)) list.Add(message);
            else throw new InvalidOperationException($"The checker reported on something it was not given ({url}): {message}");
        }
        return files.ToDictionary(f => f, f => (IReadOnlyList<Message>)byFile[Path.GetFullPath(f)]);
    }
}
