using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;

namespace Opsg.Functions.Storage;

public enum BlobArea { Reports, Evidence, Notifications }

public sealed record StoredBlob(string Name, string ContentType, long Length, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Private Blob containers for reports, evidence and notifications.</summary>
public sealed class BlobStore(StorageAccount account)
{
    private CloudBlobContainer Container(BlobArea area) => area switch
    {
        BlobArea.Reports => account.Reports,
        BlobArea.Evidence => account.Evidence,
        BlobArea.Notifications => account.Notifications,
        _ => throw new ArgumentOutOfRangeException(nameof(area)),
    };

    /// <summary>Writes (or rewrites with the same bytes) a blob; names derive from case + sequence so retries are harmless.</summary>
    public async Task WriteAsync(BlobArea area, string name, ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var blob = Container(area).GetBlockBlobReference(name);
        blob.Properties.ContentType = contentType;
        foreach (var (key, value) in metadata) blob.Metadata[key] = value;
        await StorageErrors.Guard(() => blob.UploadFromByteArrayAsync(content.ToArray(), 0, content.Length, null, null, null, cancellationToken));
    }

    public async Task<StoredBlob?> GetPropertiesAsync(BlobArea area, string name, CancellationToken cancellationToken)
    {
        var blob = Container(area).GetBlockBlobReference(name);
        try
        {
            await StorageErrors.Guard(() => blob.FetchAttributesAsync(null, null, null, cancellationToken));
        }
        catch (StorageException ex) when (ex.IsNotFound()) { return null; }
        return new StoredBlob(name, blob.Properties.ContentType, blob.Properties.Length, new Dictionary<string, string>(blob.Metadata));
    }

    public async Task<byte[]?> ReadAsync(BlobArea area, string name, CancellationToken cancellationToken)
    {
        var blob = Container(area).GetBlockBlobReference(name);
        try
        {
            using var buffer = new MemoryStream();
            await StorageErrors.Guard(() => blob.DownloadToStreamAsync(buffer, null, null, null, cancellationToken));
            return buffer.ToArray();
        }
        catch (StorageException ex) when (ex.IsNotFound()) { return null; }
    }

    public async Task<bool> ExistsAsync(BlobArea area, string name, CancellationToken cancellationToken) =>
        await StorageErrors.Guard(() => Container(area).GetBlockBlobReference(name).ExistsAsync(null, null, cancellationToken));

    /// <summary>A read-only URL valid for a few minutes: the container itself is never public.</summary>
    public Uri ReadOnlyUrl(BlobArea area, string name, TimeSpan lifetime, DateTimeOffset now)
    {
        var blob = Container(area).GetBlockBlobReference(name);
        var sas = blob.GetSharedAccessSignature(new SharedAccessBlobPolicy
        {
            Permissions = SharedAccessBlobPermissions.Read,
            SharedAccessStartTime = now.AddMinutes(-1),
            SharedAccessExpiryTime = now.Add(lifetime),
        });
        return new Uri(blob.Uri + sas);
    }

    public async Task<IReadOnlyList<string>> ListAsync(BlobArea area, string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        BlobContinuationToken? token = null;
        do
        {
            var segment = await StorageErrors.Guard(() => Container(area).ListBlobsSegmentedAsync(prefix, true, BlobListingDetails.None, null, token, null, null, cancellationToken));
            names.AddRange(segment.Results.OfType<CloudBlockBlob>().Select(b => b.Name));
            token = segment.ContinuationToken;
        }
        while (token is not null);
        return names;
    }
}
