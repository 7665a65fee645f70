using System.Text;
using System.Threading.Channels;

namespace SshKeep.Ssh;

/// <summary>
/// Turns the bytes a child writes to its stderr into lines on a bounded channel: the one splitter
/// behind <see cref="StderrSocketReader"/> (ssh) and <see cref="StderrLineReader"/> (hooks).
/// </summary>
/// <remarks>
/// A "line" longer than <see cref="StderrLineReader.MaxLineBytes"/> is cut into pieces so memory
/// stays bounded; the buffer starts small and grows to that size only for a long line. The channel
/// keeps <see cref="StderrLineReader.Capacity"/> lines and drops the oldest: if nobody reads them,
/// the child must still never block on a full pipe or socket. One writer (the reader's loop).
/// </remarks>
internal sealed class StderrLineSplitter
{
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(
        new BoundedChannelOptions(StderrLineReader.Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });
    private byte[] _pending = new byte[256];
    private int _pendingLength;

    public ChannelReader<string> Lines => _lines.Reader;

    /// <summary>Takes the next bytes read; publishes every line they complete.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        foreach (var c in bytes)
        {
            if (c == (byte)'\n')
            {
                Publish();
                continue;
            }
            if (_pendingLength == _pending.Length)
            {
                if (_pending.Length < StderrLineReader.MaxLineBytes)
                    Array.Resize(ref _pending, Math.Min(_pending.Length * 4, StderrLineReader.MaxLineBytes));
                else
                    Publish();
            }
            _pending[_pendingLength++] = c;
        }
    }

    /// <summary>EOF or the end of reading: publishes an unfinished last line and completes the channel.</summary>
    public void Complete()
    {
        if (_pendingLength > 0) Publish();
        _lines.Writer.TryComplete();
    }

    private void Publish()
    {
        var length = _pendingLength;
        _pendingLength = 0;
        // ssh ends lines with "\r\n" when it has a terminal in raw mode; the \r is not content.
        if (length > 0 && _pending[length - 1] == (byte)'\r') length--;
        _lines.Writer.TryWrite(Encoding.UTF8.GetString(_pending, 0, length));
    }
}
