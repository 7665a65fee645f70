using System.Text;

namespace SshKeep.Demo;

/// <summary>
/// Follows the supervisor's AUTOSSH_LOGFILE as it grows. Lines look like
/// "2026/11/22 08:24:30 autossh[12877]: starting ssh (count 1)"; the message after "]: " is what
/// is kept. Polled every 20 ms, so a line's "seen at" time is up to 20 ms late.
/// </summary>
internal sealed class KeeperLogWatcher : IAsyncDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Action<long, string> _onLine;
    private readonly BackgroundLoop _loop;

    public KeeperLogWatcher(string path, TimeProvider time, Action<long, string> onLine)
    {
        _path = path;
        _time = time;
        _onLine = onLine;
        Lines = new Timeline<string>(time);
        _loop = new BackgroundLoop(FollowAsync);
    }

    /// <summary>Every message so far, with the time it was seen.</summary>
    public Timeline<string> Lines { get; }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task FollowAsync(CancellationToken stopping)
    {
        long offset = 0;
        var partial = new StringBuilder();
        var buffer = new byte[8192];
        while (true)
        {
            await Task.Delay(PollInterval, _time, stopping).ConfigureAwait(false);
            if (!File.Exists(_path)) continue;
            await using var stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(offset, SeekOrigin.Begin);
            int read;
            while ((read = await stream.ReadAsync(buffer, stopping).ConfigureAwait(false)) > 0)
            {
                offset += read;
                partial.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
            var seenAt = _time.GetTimestamp();
            var text = partial.ToString();
            var end = text.LastIndexOf('\n');
            if (end < 0) continue;
            partial.Clear().Append(text[(end + 1)..]);
            foreach (var line in text[..end].Split('\n'))
            {
                var marker = line.IndexOf("]: ", StringComparison.Ordinal);
                var message = marker >= 0 ? line[(marker + 3)..] : line;
                Lines.Add(seenAt, message);
                _onLine(seenAt, message);
            }
        }
    }
}
