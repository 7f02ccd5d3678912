namespace Opsg.Functions.Storage;

/// <summary>A message taken from the activity queue, with what is needed to finish or release it.</summary>
public sealed record QueuedMessage(string Id, string PopReceipt, int DequeueCount, string Body);

/// <summary>
/// The activity queue and its poison queue. Messages are base64-encoded (see <see cref="StorageAccount"/>),
/// as the Functions queue trigger expects by default, so the same queue works under the host and under the local loop.
/// </summary>
public sealed class ActivityQueue(StorageAccount account)
{
    public Task EnqueueAsync(string body, TimeSpan? delay, CancellationToken cancellationToken) =>
        account.CallAsync(ct => account.Activities.SendMessageAsync(body, delay, timeToLive: null, ct), cancellationToken);

    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var messages = (await account.CallAsync(ct => account.Activities.ReceiveMessagesAsync(max, visibility, ct), cancellationToken)).Value;
        return messages.Select(m => new QueuedMessage(m.MessageId, m.PopReceipt, (int)m.DequeueCount, m.Body.ToString())).ToList();
    }

    public Task CompleteAsync(QueuedMessage message, CancellationToken cancellationToken) =>
        account.CallAsync(ct => account.Activities.DeleteMessageAsync(message.Id, message.PopReceipt, ct), cancellationToken);

    /// <summary>Makes the message visible again after a delay: the retry backoff.</summary>
    public Task ReleaseAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken) =>
        account.CallAsync(ct => account.Activities.UpdateMessageAsync(message.Id, message.PopReceipt, messageText: null, delay, ct), cancellationToken);

    /// <summary>Moves a message that failed too often to the poison queue, as the Functions host does.</summary>
    public async Task PoisonAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        await account.CallAsync(ct => account.Poison.SendMessageAsync(message.Body, ct), cancellationToken);
        await CompleteAsync(message, cancellationToken);
    }

    /// <summary>What the poison queue holds, without taking it: for the status of failed steps and for checks.</summary>
    public async Task<IReadOnlyList<string>> PeekPoisonAsync(int max, CancellationToken cancellationToken)
    {
        var messages = (await account.CallAsync(ct => account.Poison.PeekMessagesAsync(max, ct), cancellationToken)).Value;
        return messages.Select(m => m.Body.ToString()).ToList();
    }

    public async Task<int> ApproximateCountAsync(CancellationToken cancellationToken) =>
        (await account.CallAsync(ct => account.Activities.GetPropertiesAsync(ct), cancellationToken)).Value.ApproximateMessagesCount;
}
