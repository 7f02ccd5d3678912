using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// Two service providers of the app's storage classes on one prefix of the shared Azurite, with no host: two processes,
/// each with what it holds in memory (its record cache) of its own, writing to the same tables.
/// </summary>
public abstract class TwoProcesses(string prefixStem) : IAsyncLifetime
{
    protected string Prefix { get; } = prefixStem + Guid.NewGuid().ToString("N")[..10];
    protected ServiceProvider ProcessOne { get; private set; } = null!;
    protected ServiceProvider ProcessTwo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var azurite = await Azurite.Shared;
        ProcessOne = StorageOnly.For(azurite.ConnectionString, Prefix);
        ProcessTwo = StorageOnly.For(azurite.ConnectionString, Prefix);
        await ProcessOne.GetRequiredService<StorageAccount>().EnsureCreatedAsync(default);
    }

    public async Task DisposeAsync()
    {
        await ProcessOne.DisposeAsync();
        await ProcessTwo.DisposeAsync();
    }
}
