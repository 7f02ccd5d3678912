using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Opsg.Functions.Hosting;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>The app's storage classes on a prefix, with no host and no Durable worker: for reading what a killed process left behind.</summary>
public static class StorageOnly
{
    public static ServiceProvider For(string connectionString, string prefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connectionString,
            ["Storage:NamePrefix"] = prefix,
        }).Build();
        return new ServiceCollection().AddLogging().AddOpsg(configuration).BuildServiceProvider();
    }
}
