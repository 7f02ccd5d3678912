using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Opsg.Functions.Hosting;
using Opsg.Functions.Security;
using Opsg.Functions.Steps;

namespace Opsg.Functions.Tests.Faults;

/// <summary>
/// Fault injection ships in the product but works only off Azure: a fault switch on in Azure stops the app at start,
/// and nothing can queue a failure there.
/// </summary>
public sealed class FaultInjectionRefusalTests
{
    private static readonly HostingPlatform Azure = new(InAzure: true, AuthenticationEnabled: true, Local: false);
    private static readonly HostingPlatform TestRun = new(InAzure: false, AuthenticationEnabled: false, Local: false);
    private static readonly HostingPlatform LocalRun = new(InAzure: false, AuthenticationEnabled: false, Local: true);

    public static TheoryData<string> Switches => ["DieAfterRecordingForFaultTests", "DieAfterSendingMailForFaultTests", "DieAsAStepStartsForFaultTests"];

    private static WorkflowOptions With(string fault) => new()
    {
        DieAfterRecordingForFaultTests = fault == "DieAfterRecordingForFaultTests",
        DieAfterSendingMailForFaultTests = fault == "DieAfterSendingMailForFaultTests",
        DieAsAStepStartsForFaultTests = fault == "DieAsAStepStartsForFaultTests",
    };

    [Theory]
    [MemberData(nameof(Switches))]
    public void GivenAFaultSwitchOn_InAzure_ThenFaultInjectionRefusesToExist(string fault)
    {
        var refused = Assert.Throws<FaultInjectionRefusedException>(() => new FaultInjection(Options.Create(With(fault)), Azure));
        Assert.Contains(fault, refused.Message);
    }

    [Theory]
    [MemberData(nameof(Switches))]
    public void GivenAFaultSwitchOn_OffAzure_ThenItIsAllowed(string fault)
    {
        Assert.True(FaultInjection.AllowedOn(With(fault), TestRun));
        Assert.True(FaultInjection.AllowedOn(With(fault), LocalRun));
    }

    [Fact]
    public void InAzure_WithTheSwitchesOff_NothingCanBeQueuedToFail_AndStepsRunAsEver()
    {
        var faults = new FaultInjection(Options.Create(new WorkflowOptions()), Azure);

        Assert.Throws<FaultInjectionRefusedException>(() => faults.FailActivities(2));
        Assert.Throws<FaultInjectionRefusedException>(() => faults.FailMailSends(1));
        faults.ActivityRunning();
        faults.MailSending();
        faults.MailSent();
        faults.CommandRecorded();
        faults.FailActivities(0); // clearing is harmless anywhere
    }

    [Fact]
    public void OffAzure_AQueuedFailureFailsTheNextRunsOnly()
    {
        var faults = new FaultInjection(Options.Create(new WorkflowOptions()), TestRun);
        faults.FailActivities(1);

        Assert.Throws<InjectedActivityFailureException>(faults.ActivityRunning);
        faults.ActivityRunning();
    }

    [Theory]
    [InlineData("WEBSITE_INSTANCE_ID", "true", true)]
    [InlineData("WEBSITE_INSTANCE_ID", "false", false)]
    [InlineData(null, "true", false)]
    public void TheAppsStartUpValidation_RefusesAFaultSwitchInAzureOnly(string? azureVariable, string dieAfterSendingMail, bool refused)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflow:DieAfterSendingMailForFaultTests"] = dieAfterSendingMail,
            [azureVariable ?? "NOT_AZURE"] = "an-instance",
        });
        builder.Services.AddOpsg(builder.Configuration);
        using var host = builder.Build();

        // What Host.StartAsync runs before any hosted service starts.
        var validate = () => host.Services.GetRequiredService<IStartupValidator>().Validate();
        if (!refused) { validate(); return; }
        Assert.Contains(FaultInjection.RefusedInAzure, Assert.Throws<OptionsValidationException>(validate).Message);
    }
}
