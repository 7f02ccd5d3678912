using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Opsg.Functions.Storage;

public enum BlobArea { Reports, Evidence }

public sealed record StoredBlob(string Name, string ContentType, long Length, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Private Blob containers for reports and evidence.</summary>
public sealed class BlobStore(StorageAccount account)
{
    private BlobContainerClient Container(BlobArea area) => area switch
    {
        BlobArea.Reports => account.Reports,
        BlobArea.Evidence => account.Evidence,
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    /// <summary>Writes (or rewrites with the same bytes) a blob; names derive from case + sequence so retries are harmless.</summary>
    public async Task WriteAsync(BlobArea area, string name, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var blob = Container(area).GetBlobClient(name);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = new Dictionary<string, string>(metadata),
        };
        await account.CallAsync(ct => blob.UploadAsync(BinaryData.FromBytes(content), options, ct), cancellationToken);
    }

    public async Task<StoredBlob?> GetPropertiesAsync(BlobArea area, string name, CancellationToken cancellationToken)
    {
        var blob = Container(area).GetBlobClient(name);
        try
        {
            var properties = (await account.CallAsync(ct => blob.GetPropertiesAsync(cancellationToken: ct), cancellationToken)).Value;
            return new StoredBlob(name, properties.ContentType, properties.ContentLength, new Dictionary<string, string>(properties.Metadata));
        }
        catch (RequestFailedException ex) when (ex.IsNotFound()) { return null; }
    }

    public async Task<byte[]?> ReadAsync(BlobArea area, string name, CancellationToken cancellationToken)
    {
        var blob = Container(area).GetBlobClient(name);
        try
        {
            var downloaded = await account.CallAsync(ct => blob.DownloadContentAsync(ct), cancellationToken);
            return downloaded.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.IsNotFound()) { return null; }
    }

    /// <summary>The blob's index tags (Defender for Storage writes its malware verdict there); null when there is no such blob.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> ReadTagsAsync(BlobArea area, string name, CancellationToken cancellationToken)
    {
        var blob = Container(area).GetBlobClient(name);
        try
        {
            return (await account.CallAsync(ct => blob.GetTagsAsync(cancellationToken: ct), cancellationToken)).Value.Tags.AsReadOnly();
        }
        catch (RequestFailedException ex) when (ex.IsNotFound()) { return null; }
    }

    public async Task<bool> ExistsAsync(BlobArea area, string name, CancellationToken cancellationToken) =>
        (await account.CallAsync(ct => Container(area).GetBlobClient(name).ExistsAsync(ct), cancellationToken)).Value;

    public async Task<IReadOnlyList<string>> ListAsync(BlobArea area, string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        string? continuation = null;
        do
        {
            var page = await account.CallAsync(async ct =>
            {
                await foreach (var p in Container(area).GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct).AsPages(continuation))
                    return p;
                throw new InvalidOperationException("A blob listing returned no page at all.");
            }, cancellationToken);
            names.AddRange(page.Values.Select(b => b.Name));
            continuation = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
        }
        while (continuation is not null);
        return names;
    }
}
