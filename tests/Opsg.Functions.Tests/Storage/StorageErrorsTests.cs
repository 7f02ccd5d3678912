using Azure;
using Opsg.Functions.Storage;

namespace Opsg.Functions.Tests.Storage;

/// <summary>Which failures mean "storage did not answer" (503 with Retry-After) and which are answers the code reads (404, 409, 412).</summary>
public sealed class StorageErrorsTests
{
    [Theory]
    [InlineData(0)]   // refused, reset: no HTTP answer at all
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public void GivenNoAnswerOrAServerError_ThenStorageIsUnavailable(int status) =>
        Assert.True(StorageErrors.MeansUnavailable(new RequestFailedException(status, "x"), CancellationToken.None));

    [Theory]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(412)]
    [InlineData(400)]
    public void GivenAnAnswer_ThenItIsNotAnOutage(int status) =>
        Assert.False(StorageErrors.MeansUnavailable(new RequestFailedException(status, "x"), CancellationToken.None));

    [Fact]
    public void GivenATimeoutTheCallerDidNotAskFor_ThenStorageIsUnavailable() =>
        Assert.True(StorageErrors.MeansUnavailable(new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout."), CancellationToken.None));

    [Fact]
    public void GivenTheCallerCancelled_ThenItStaysACancellation()
    {
        using var caller = new CancellationTokenSource();
        caller.Cancel();
        Assert.False(StorageErrors.MeansUnavailable(new OperationCanceledException(caller.Token), caller.Token));
    }

    [Fact]
    public void GivenEveryRetryTimedOutOrWasRefused_ThenStorageIsUnavailable() =>
        Assert.True(StorageErrors.MeansUnavailable(
            new AggregateException(new TaskCanceledException(), new RequestFailedException(0, "refused"), new RequestFailedException(503, "busy")),
            CancellationToken.None));

    [Fact]
    public void GivenAProgrammingError_ThenItIsNotAnOutage()
    {
        Assert.False(StorageErrors.MeansUnavailable(new InvalidOperationException(), CancellationToken.None));
        Assert.False(StorageErrors.MeansUnavailable(new AggregateException(new RequestFailedException(0, "refused"), new ArgumentException()), CancellationToken.None));
    }
}
