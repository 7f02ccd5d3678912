namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// <see cref="SampleDocuments"/> written once to a folder, for the tools that read files (the
/// HTML checker, Chromium). The files stay there so a person can open them after a run.
/// </summary>
public static class SampleDocumentFiles
{
    // Beside the test binaries: one folder per checkout, so parallel runs elsewhere never share it.
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "sample-documents");

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Written = new(() =>
    {
        Directory.CreateDirectory(Folder);
        return SampleDocuments.All.ToDictionary(d => d.Key, d =>
        {
            var path = Path.Combine(Folder, d.Key + ".html");
            File.WriteAllText(path, d.Value);
            return path;
        });
    });

    /// <summary>Document name → the file it was written to.</summary>
    public static IReadOnlyDictionary<string, string> Paths => Written.Value;

    public static TheoryData<string> Names() => [.. SampleDocuments.Names];
}
