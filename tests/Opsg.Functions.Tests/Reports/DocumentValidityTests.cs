using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Reports;

/// <summary>Every rendered document is valid HTML by the Nu Html Checker (the W3C's validator).</summary>
public sealed class DocumentValidityTests
{
    private static readonly Lazy<Task<IReadOnlyDictionary<string, IReadOnlyList<NuHtmlChecker.Message>>>> Checked =
        new(() => NuHtmlChecker.CheckAsync([.. SampleDocumentFiles.Paths.Values]));

    [Theory]
    [MemberData(nameof(SampleDocumentFiles.Names), MemberType = typeof(SampleDocumentFiles))]
    public async Task GivenASampleDocument_WhenTheNuHtmlCheckerReadsIt_ThenItFindsNoErrorAndNoWarning(string name)
    {
        var messages = (await Checked.Value)[SampleDocumentFiles.Paths[name]];
        var problems = messages.Where(m => m.IsError || m.IsWarning).ToList();
        Assert.True(problems.Count == 0, $"{name}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task GivenAnInvalidDocument_ThenTheCheckerReportsAnError()
    {
        // The check above is only worth something if the checker does find errors.
        var path = Path.Combine(SampleDocumentFiles.Folder, "deliberately-invalid.html");
        Directory.CreateDirectory(SampleDocumentFiles.Folder);
        await File.WriteAllTextAsync(path, "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><p><div>x</div></span></body></html>");
        var messages = (await NuHtmlChecker.CheckAsync([path]))[path];
        Assert.Contains(messages, m => m.IsError);
    }
}
