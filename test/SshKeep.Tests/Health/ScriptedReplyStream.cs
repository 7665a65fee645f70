using System.Text;

namespace SshKeep.Tests.Health;

/// <summary>
/// A stream that hands out a reply in the chunks a test scripts, then either ends (EOF), fails with
/// an exception, or goes silent until cancelled; it records what was written to it.
/// </summary>
internal sealed class ScriptedReplyStream(IEnumerable<string> chunks, Exception? then = null, bool silentAfter = false) : Stream
{
    private readonly Queue<byte[]> _chunks = new(chunks.Select(c => Encoding.UTF8.GetBytes(c)));
    private readonly MemoryStream _written = new();

    public string Written => Encoding.UTF8.GetString(_written.ToArray());

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_chunks.TryDequeue(out var chunk))
        {
            var n = Math.Min(chunk.Length, buffer.Length);
            chunk.AsMemory(0, n).CopyTo(buffer);
            return n;
        }
        if (then is not null) throw then;
        if (silentAfter) await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        return 0;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _written.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
