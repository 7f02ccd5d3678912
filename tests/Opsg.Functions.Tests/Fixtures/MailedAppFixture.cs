using Microsoft.Extensions.DependencyInjection;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// An app whose clock stands at seed 002's start (so reminders ahead of it are scheduled, while their durable timers,
/// on the engine's real clock, are long due) and whose mail goes to the shared maildev, to the people a test names.
/// </summary>
public abstract class MailedAppFixture : OpsgAppFixture
{
    private readonly ManualClock _clock = new(Seed002Recorded.Start);

    public Maildev Mail { get; private set; } = null!;

    /// <summary>Mail settings by name (Mail:SecretariatRecipients …), added to maildev's own.</summary>
    protected abstract IDictionary<string, string> Recipients { get; }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = Mail.Settings;
            foreach (var (name, value) in Recipients) settings[name] = value;
            return settings;
        }
    }

    protected override Action<IServiceCollection> TestServices => _clock.Install;

    public override async Task InitializeAsync()
    {
        Mail = await Maildev.Shared;
        await base.InitializeAsync();
    }
}
