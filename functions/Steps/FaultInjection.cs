using Microsoft.Extensions.Options;
using Opsg.Functions.Security;

namespace Opsg.Functions.Steps;

/// <summary>An activity that failed the ordinary way (a dependency said no), so Durable's retry policy applies.</summary>
public sealed class InjectedActivityFailureException() : Exception("Injected activity failure.");

/// <summary>Fault injection asked for where the app runs in Azure: a switch that kills the process has no place there.</summary>
public sealed class FaultInjectionRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// Off in production (no failure is ever queued, no death configured). Tests make the next step runs fail like a
/// broken dependency, to watch the retry policy and the failed-step path work on the real engine, and the fault
/// tests make a process die mid-step. It ships in the product, so it refuses to do anything in Azure: a settings
/// change there (Workflow__DieAfter…) would otherwise take every instance down on its next command or email.
/// </summary>
public sealed class FaultInjection
{
    public const string RefusedInAzure =
        "Fault injection is for tests and local runs only: Workflow:DieAfterRecordingForFaultTests, " +
        "Workflow:DieAfterSendingMailForFaultTests and Workflow:DieAsAStepStartsForFaultTests must be off when the app runs in Azure.";

    private readonly WorkflowOptions _options;
    private readonly HostingPlatform _platform;
    private int _failuresLeft;
    private int _mailFailuresLeft;
    private int _sentRecordFailuresLeft;

    public FaultInjection(IOptions<WorkflowOptions> options, HostingPlatform platform)
    {
        _options = options.Value;
        _platform = platform;
        if (!AllowedOn(_options, platform)) throw new FaultInjectionRefusedException(RefusedInAzure);
    }

    /// <summary>The start-up check (Hosting/Composition validates the options with it): no fault switch on in Azure.</summary>
    public static bool AllowedOn(WorkflowOptions options, HostingPlatform platform) =>
        !platform.InAzure || !(options.DieAfterRecordingForFaultTests || options.DieAfterSendingMailForFaultTests || options.DieAsAStepStartsForFaultTests);

    /// <summary>The next <paramref name="times"/> step runs throw an ordinary exception.</summary>
    public void FailActivities(int times) => Interlocked.Exchange(ref _failuresLeft, Queued(times));

    /// <summary>The next <paramref name="times"/> emails fail just before they are handed to the mail server (after their link is issued).</summary>
    public void FailMailSends(int times) => Interlocked.Exchange(ref _mailFailuresLeft, Queued(times));

    /// <summary>The next <paramref name="times"/> records of an email already sent meet a storage that does not answer.</summary>
    public void FailSentRecords(int times) => Interlocked.Exchange(ref _sentRecordFailuresLeft, Queued(times));

    public void ActivityRunning()
    {
        if (_options.DieAsAStepStartsForFaultTests) Environment.FailFast("Fault test: dying as a step starts.");
        FailIfQueued(ref _failuresLeft);
    }

    public void MailSending() => FailIfQueued(ref _mailFailuresLeft);

    /// <summary>A command was recorded and its orchestration not told yet: the one gap the repair timer exists for.</summary>
    public void CommandRecorded()
    {
        if (_options.DieAfterRecordingForFaultTests) Environment.FailFast("Fault test: dying between the append and the raise.");
    }

    /// <summary>An email was handed to the mail server and is not recorded yet: where a process dying hurts most.</summary>
    public void MailSent()
    {
        if (_options.DieAfterSendingMailForFaultTests) Environment.FailFast("Fault test: dying after an email was sent, before it was recorded.");
    }

    /// <summary>Where a sent email is recorded: storage silent, as an outage or a frozen account leaves it.</summary>
    public void RecordingSent()
    {
        if (TakeOne(ref _sentRecordFailuresLeft)) throw new Storage.StorageUnavailableException("Injected: storage did not answer.", new TimeoutException());
    }

    private int Queued(int times) =>
        times > 0 && _platform.InAzure ? throw new FaultInjectionRefusedException("Fault injection is for tests and local runs only; the app runs in Azure.") : times;

    private static void FailIfQueued(ref int failuresLeft)
    {
        if (TakeOne(ref failuresLeft)) throw new InjectedActivityFailureException();
    }

    private static bool TakeOne(ref int failuresLeft)
    {
        int left;
        do
        {
            left = Volatile.Read(ref failuresLeft);
            if (left <= 0) return false;
        }
        while (Interlocked.CompareExchange(ref failuresLeft, left - 1, left) != left);
        return true;
    }
}
