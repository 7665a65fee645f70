using SshKeep.Demo;

namespace SshKeep.Bench.Faults;

/// <summary>
/// Follows a keeper's ssh child in /proc: when one appears, when it exits (zombie) and when the
/// keeper reaps it. The keeper's own log is not used, so the three keepers are timed the same way.
/// The current child's state is read every 10 ms (one small file); while there is none, the
/// keeper's children are looked up every 50 ms (a scan of /proc).
/// </summary>
internal sealed class SshChildWatcher : IAsyncDisposable
{
    private static readonly TimeSpan StatePoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ScanPoll = TimeSpan.FromMilliseconds(50);

    private readonly int _keeperPid;
    private readonly string _sshPath;
    private readonly string _forwardMarker;
    private readonly TimeProvider _time;
    private readonly BackgroundLoop _loop;
    private readonly Lock _gate = new();
    private ProcessIdentity? _current;

    /// <param name="keeperPid">The process whose ssh children to follow (autossh, sshkeep, sshkeep up).</param>
    /// <param name="sshPath">The ssh executable, resolved, to tell ssh from anything else the keeper runs.</param>
    /// <param name="forwardMarker">Text in the tunnel's ssh command line (":LISTENPORT:", or the daemon's
    /// "ControlMaster=yes" when it holds the port), to tell the
    /// ssh that carries the tunnel from a helper ssh the keeper may also run (a probe's `ssh -W`).</param>
    public SshChildWatcher(int keeperPid, string sshPath, string forwardMarker, TimeProvider time)
    {
        _keeperPid = keeperPid;
        _sshPath = sshPath;
        _forwardMarker = forwardMarker;
        _time = time;
        Events = new Timeline<SshChildEvent>(time);
        _loop = new BackgroundLoop(WatchAsync);
    }

    public Timeline<SshChildEvent> Events { get; }

    /// <summary>The ssh the keeper runs now (started, not yet exited), if any.</summary>
    public ProcessIdentity? Current
    {
        get { lock (_gate) return _current; }
        private set { lock (_gate) _current = value; }
    }

    /// <summary>Every ssh seen so far.</summary>
    public IReadOnlyList<ProcessIdentity> Seen =>
        [.. Events.Snapshot().Where(e => e.Item.Kind == SshChildEventKind.Started).Select(e => e.Item.Ssh)];

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task WatchAsync(CancellationToken stopping)
    {
        // Zombies the keeper has not reaped yet: watched until they are gone.
        var exited = new List<ProcessIdentity>();
        long? lastExit = null;
        while (true)
        {
            var now = _time.GetTimestamp();
            if (Current is { } current)
            {
                switch (StateOf(current))
                {
                    case ChildState.Zombie:
                        lastExit = now;
                        Events.Add(now, new SshChildEvent(SshChildEventKind.Exited, current));
                        exited.Add(current);
                        Current = null;
                        break;
                    case ChildState.Gone:
                        // Exited and reaped between two looks.
                        lastExit = now;
                        Events.Add(now, new SshChildEvent(SshChildEventKind.Exited, current));
                        Events.Add(now, new SshChildEvent(SshChildEventKind.Reaped, current));
                        Current = null;
                        break;
                }
            }
            foreach (var zombie in exited.Where(z => StateOf(z) == ChildState.Gone).ToList())
            {
                Events.Add(now, new SshChildEvent(SshChildEventKind.Reaped, zombie));
                exited.Remove(zombie);
            }
            if (Current is null && FindSsh() is { } started)
            {
                Current = started;
                Events.Add(_time.GetTimestamp(), new SshChildEvent(SshChildEventKind.Started, started));
            }
            // Every StatePoll while a zombie waits to be reaped and for a second after an exit, so that the reap and
            // the next start are timed as closely as the exit; a long wait for a new ssh is scanned less often, not
            // to weigh on the machine being measured.
            var soon = exited.Count > 0 || (lastExit is { } exit && _time.GetElapsedTime(exit) < TimeSpan.FromSeconds(1));
            await Task.Delay(Current is null && !soon ? ScanPoll : StatePoll, _time, stopping).ConfigureAwait(false);
        }
    }

    private ProcessIdentity? FindSsh() =>
        ProcessTable.ChildrenOf(_keeperPid).Cast<ProcessIdentity?>()
                    .FirstOrDefault(c => ProcessTable.ExecutableOf(c!.Value.Pid) == _sshPath && CommandLineOf(c.Value.Pid).Contains(_forwardMarker, StringComparison.Ordinal));

    /// <summary>argv joined by spaces, or "" when the process is gone.</summary>
    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static ChildState StateOf(ProcessIdentity ssh)
    {
        // A zombie keeps its pid until it is reaped, so only a live pid can belong to a newer process.
        var state = ProcessTable.StateOf(ssh.Pid);
        if (state is null) return ChildState.Gone;
        if (state == 'Z') return ChildState.Zombie;
        return ProcessTable.IsAlive(ssh) ? ChildState.Running : ChildState.Gone;
    }

    private enum ChildState { Running, Zombie, Gone }
}
