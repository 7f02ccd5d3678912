using System.Text;

namespace Opsg.Functions.Tests.Fixtures;

/// <summary>
/// A request body made as it is read: <c>head</c>, then filler bytes up to <c>length</c>, then <c>tail</c>.
/// It has no length (so the client sends it without Content-Length) and counts how much the server pulled,
/// which is how a test tells "refused once past the limit" from "read whole, then refused".
/// </summary>
public sealed class GeneratedBody(string head, long length, byte filler, string tail = "") : Stream
{
    private readonly byte[] _head = Encoding.UTF8.GetBytes(head);
    private readonly byte[] _tail = Encoding.UTF8.GetBytes(tail);
    private long _pulled;

    /// <summary>How many bytes the reader has taken so far.</summary>
    public long Pulled => Interlocked.Read(ref _pulled);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => Pulled; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var at = Pulled;
        var n = (int)Math.Min(buffer.Length, length - at);
        if (n <= 0) return 0;
        for (var i = 0; i < n; i++)
        {
            var position = at + i;
            buffer[i] = position < _head.Length ? _head[position]
                : position >= length - _tail.Length ? _tail[position - (length - _tail.Length)]
                : filler;
        }
        Interlocked.Add(ref _pulled, n);
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
