using Microsoft.Extensions.Options;

namespace Opsg.Functions.Steps;

/// <summary>An activity that failed the ordinary way (a dependency said no), so Durable's retry policy applies.</summary>
public sealed class InjectedActivityFailureException() : Exception("Injected activity failure.");

/// <summary>
/// Off in production (no failure is ever queued, no death configured). Tests make the next step runs fail like a
/// broken dependency, to watch the retry policy and the failed-step path work on the real engine, and the fault
/// tests make a process die mid-send.
/// </summary>
public sealed class FaultInjection(IOptions<WorkflowOptions> options)
{
    private int _failuresLeft;
    private int _mailFailuresLeft;

    /// <summary>The next <paramref name="times"/> step runs throw an ordinary exception.</summary>
    public void FailActivities(int times) => Interlocked.Exchange(ref _failuresLeft, times);

    /// <summary>The next <paramref name="times"/> emails fail just before they are handed to the mail server (after their link is issued).</summary>
    public void FailMailSends(int times) => Interlocked.Exchange(ref _mailFailuresLeft, times);

    public void ActivityRunning() => FailIfQueued(ref _failuresLeft);

    public void MailSending() => FailIfQueued(ref _mailFailuresLeft);

    /// <summary>An email was handed to the mail server and is not recorded yet: where a process dying hurts most.</summary>
    public void MailSent()
    {
        if (options.Value.DieAfterSendingMailForFaultTests) Environment.FailFast("Fault test: dying after an email was sent, before it was recorded.");
    }

    private static void FailIfQueued(ref int failuresLeft)
    {
        int left;
        do
        {
            left = Volatile.Read(ref failuresLeft);
            if (left <= 0) return;
        }
        while (Interlocked.CompareExchange(ref failuresLeft, left - 1, left) != left);
        throw new InjectedActivityFailureException();
    }
}
