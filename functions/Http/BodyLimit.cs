namespace Opsg.Functions.Http;

/// <summary>A request body that went past its limit while it was being read.</summary>
public sealed class BodyTooLargeException(long limit) : Exception($"The request body is larger than {limit:N0} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// A request body read through a limit: the read that takes it past <see cref="Limit"/> bytes throws
/// <see cref="BodyTooLargeException"/>, so an oversized body (chunked, or with a Content-Length that lies)
/// is refused once the limit is passed, not after it has all been read. Whatever the host allows.
/// </summary>
public sealed class BodyLimit(Stream inner, long limit) : Stream
{
    private long _read;

    public long Limit { get; } = limit;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads the whole body into memory, or throws <see cref="BodyTooLargeException"/> once it passes the limit.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await new BodyLimit(body, limit).CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private int Counted(int read)
    {
        _read += read;
        if (_read > Limit) throw new BodyTooLargeException(Limit);
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
