using System.Text.RegularExpressions;
using Opsg.Functions.Steps;
using Opsg.Functions.Tests.Fixtures;

namespace Opsg.Functions.Tests.Infra;

/// <summary>
/// The failed-step and failed-mail-step alerts (infra/modules/alerts.bicep) match the line the app logs when a step
/// spends its retries (functions/Steps/StepRunner.cs), and the mail alert fires on the errors StepErrors files as mail
/// and on no other; the protections prod turns on (delete locks) stay off in test, and private networking is opt-in.
/// </summary>
public sealed partial class AlertTests(CompiledTemplate compiled) : IClassFixture<CompiledTemplate>
{
    private string FailedStepQuery() =>
        compiled.ModuleTemplates().Single(t => t["variables"]?["failedStep"] is not null)["variables"]!["failedStep"]!.GetValue<string>();

    /// <summary>StepRunner's message template, as the source has it, rendered with these values.</summary>
    private static string LoggedFailure(string? errorType)
    {
        var source = File.ReadAllText(Path.Combine(Azurite.RepoRoot(), "functions", "Steps", "StepRunner.cs"));
        var template = LogErrorTemplate().Match(source).Groups["template"].Value;
        Assert.NotEmpty(template);
        var values = new Dictionary<string, string>
        {
            ["Sequence"] = "7", ["Run"] = "1", ["RecordId"] = "c3f9a0b1", ["Attempts"] = "5",
            ["Reference"] = StepErrors.Reference("c3f9a0b1", 7, 1), ["ErrorType"] = errorType ?? "", ["Error"] = "5.7.1 Client was not authenticated: refused",
        };
        return Placeholder().Replace(template, m => values[m.Groups["name"].Value]);
    }

    [Theory]
    [InlineData("MailKit.Net.Smtp.SmtpCommandException")]
    [InlineData("MailKit.Security.AuthenticationException")]
    [InlineData("System.Net.Sockets.SocketException")]
    [InlineData("Azure.RequestFailedException")]
    [InlineData("Scriban.Syntax.ScriptRuntimeException")]
    [InlineData(null)]
    public void TheFailedStepQuery_MatchesWhatStepRunnerLogs_AndTheMailQueryOnlyTheMailErrors(string? errorType)
    {
        var query = FailedStepQuery();
        var line = Regex.Match(query, "matches regex @\"(?<re>[^\"]+)\"").Groups["re"].Value;
        var extract = Regex.Match(query, "extract\\(@\"(?<re>[^\"]+)\"").Groups["re"].Value;
        var mail = compiled.Expressions().Select(e => MailErrorTypes().Match(e)).Single(m => m.Success).Groups["re"].Value;
        Assert.NotEmpty(line);
        Assert.NotEmpty(mail);
        var logged = LoggedFailure(errorType);

        Assert.Matches(line, logged);
        var extracted = Regex.Match(logged, extract).Groups[1].Value;
        Assert.Equal(errorType ?? "", extracted);
        Assert.Equal(StepErrors.Category(errorType) == "mail", Regex.IsMatch(extracted, mail));
    }

    [Fact]
    public void DeleteLocks_AreOnInProdAndOffInTest_AndPrivateNetworkingIsOptIn()
    {
        var parameters = compiled.Template["parameters"]!;
        Assert.False(parameters["deleteLock"]!["defaultValue"]!.GetValue<bool>());
        Assert.False(parameters["privateNetworking"]!["defaultValue"]!.GetValue<bool>());
        Assert.Equal("true", ParamValue("prod", "deleteLock"));
        Assert.Equal("false", ParamValue("test", "deleteLock"));
        Assert.Equal("false", ParamValue("prod", "privateNetworking"));
        Assert.Equal("false", ParamValue("test", "privateNetworking"));
        var locks = compiled.Resources().Where(r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/locks").ToList();
        Assert.Equal(3, locks.Count);
        Assert.All(locks, l => Assert.Equal("CanNotDelete", l["properties"]!["level"]!.GetValue<string>()));
    }

    private static string ParamValue(string environment, string name) =>
        Regex.Match(File.ReadAllText(Path.Combine(Azurite.RepoRoot(), "infra", $"{environment}.bicepparam")), $@"(?m)^param {name} = (?<value>\S+)\s*$").Groups["value"].Value;

    [GeneratedRegex(@"logger\.LogError\(""(?<template>Step [^""]+)""")]
    private static partial Regex LogErrorTemplate();

    [GeneratedRegex(@"ErrorType matches regex ""(?<re>[^""]+)""")]
    private static partial Regex MailErrorTypes();

    [GeneratedRegex(@"\{(?<name>\w+)\}")]
    private static partial Regex Placeholder();
}
