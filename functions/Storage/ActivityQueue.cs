using Microsoft.WindowsAzure.Storage.Queue;

namespace Opsg.Functions.Storage;

/// <summary>A message taken from the activity queue, with what is needed to finish or release it.</summary>
public sealed record QueuedMessage(string Id, string PopReceipt, int DequeueCount, string Body);

/// <summary>
/// The activity queue and its poison queue. Messages are base64-encoded, as the Functions queue
/// trigger expects by default, so the same queue works under the host and under the local loop.
/// </summary>
public sealed class ActivityQueue(StorageAccount account)
{
    public Task EnqueueAsync(string body, TimeSpan? delay, CancellationToken cancellationToken) =>
        StorageErrors.Guard(() => account.Activities.AddMessageAsync(new CloudQueueMessage(body), null, delay, null, null, cancellationToken));

    public async Task<IReadOnlyList<QueuedMessage>> ReceiveAsync(int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var messages = await StorageErrors.Guard(() => account.Activities.GetMessagesAsync(max, visibility, null, null, cancellationToken));
        return messages.Select(m => new QueuedMessage(m.Id, m.PopReceipt, m.DequeueCount, m.AsString)).ToList();
    }

    public Task CompleteAsync(QueuedMessage message, CancellationToken cancellationToken) =>
        StorageErrors.Guard(() => account.Activities.DeleteMessageAsync(message.Id, message.PopReceipt, null, null, cancellationToken));

    /// <summary>Makes the message visible again after a delay: the retry backoff.</summary>
    public Task ReleaseAsync(QueuedMessage message, TimeSpan delay, CancellationToken cancellationToken)
    {
        var sdkMessage = new CloudQueueMessage(message.Id, message.PopReceipt);
        return StorageErrors.Guard(() => account.Activities.UpdateMessageAsync(sdkMessage, delay, MessageUpdateFields.Visibility, null, null, cancellationToken));
    }

    /// <summary>Moves a message that failed too often to the poison queue, as the Functions host does.</summary>
    public async Task PoisonAsync(QueuedMessage message, CancellationToken cancellationToken)
    {
        await StorageErrors.Guard(() => account.Poison.AddMessageAsync(new CloudQueueMessage(message.Body), null, null, null, null, cancellationToken));
        await CompleteAsync(message, cancellationToken);
    }

    /// <summary>What the poison queue holds, without taking it: for the status of failed steps and for checks.</summary>
    public async Task<IReadOnlyList<string>> PeekPoisonAsync(int max, CancellationToken cancellationToken)
    {
        var messages = await StorageErrors.Guard(() => account.Poison.PeekMessagesAsync(max, null, null, cancellationToken));
        return messages.Select(m => m.AsString).ToList();
    }

    public async Task<int> ApproximateCountAsync(CancellationToken cancellationToken)
    {
        await StorageErrors.Guard(() => account.Activities.FetchAttributesAsync(null, null, cancellationToken));
        return account.Activities.ApproximateMessageCount ?? 0;
    }
}
