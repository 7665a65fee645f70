using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Hooks;

/// <summary>Runs hooks off the supervisors' path (docs/config.md "hooks", how they run): one bounded queue and worker per
/// tunnel, so a hanging hook delays only later hooks of its tunnel, and nothing a hook does reaches a tunnel's state.</summary>
internal sealed class HookRunner(ChildReaper reaper, ILogger logger, TimeProvider time) : IAsyncDisposable
{
    /// <summary>Hooks kept waiting per tunnel; a tunnel flapping faster than its hooks run loses the oldest.</summary>
    public const int QueueCapacity = 8;

    /// <summary>Lines of a hook's output that are logged; the rest are counted.</summary>
    public const int MaxOutputLines = 20;

    /// <summary>Longest logged output line, in characters.</summary>
    public const int MaxOutputLineLength = 300;

    /// <summary>How long a stopping daemon lets queued hooks run: a hanging one cannot hold up TimeoutStopSec.</summary>
    public static readonly TimeSpan StopDrain = TimeSpan.FromSeconds(10);

    /// <summary>Between SIGTERM and SIGKILL for a hook past its timeout.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long output is still read after the hook's group ended: a process that left it may hold it.</summary>
    public static readonly TimeSpan OutputDrain = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, TunnelQueue> _queues = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _stopped;

    /// <summary>Queues the hook behind the tunnel's earlier ones and returns at once. Ignored once
    /// <see cref="StopAsync"/> began.</summary>
    public void Enqueue(HookInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        lock (_gate)
        {
            if (_stopped) return;
            if (!_queues.TryGetValue(invocation.Tunnel, out var queue))
            {
                _queues[invocation.Tunnel] = queue = NewQueue(invocation.Tunnel);
            }

            queue.Writer.TryWrite(invocation);
        }
    }

    /// <summary>Takes no more hooks, lets the queued ones (a stopping daemon's down hooks) run for at most
    /// <paramref name="drain"/>, then kills what still runs and drops what still waits.</summary>
    public async Task StopAsync(TimeSpan drain)
    {
        TunnelQueue[] queues;
        lock (_gate)
        {
            _stopped = true;
            queues = [.. _queues.Values];
        }

        foreach (var queue in queues) queue.Writer.TryComplete();
        var all = Task.WhenAll(queues.Select(q => q.Worker));
        try
        {
            await all.WaitAsync(drain, time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
            await all.ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task WorkAsync(ChannelReader<HookInvocation> queue)
    {
        // Off the caller's thread: the first hook must not start inside Enqueue.
        await Task.Yield();
        while (await queue.WaitToReadAsync().ConfigureAwait(false))
        {
            while (queue.TryRead(out var invocation))
            {
                if (_stopping.IsCancellationRequested)
                {
                    logger.HookNotRun(invocation.Tunnel, KebabName.Of(invocation.Event));
                    continue;
                }

                try
                {
                    await RunAsync(invocation, _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // pipe2 failed (out of fds), the exit status was lost, or a bug: this hook is
                    // lost, but the worker must live on, or the tunnel's later hooks would never run.
                    logger.HookStartFailed(invocation.Tunnel, KebabName.Of(invocation.Event), invocation.Command.Argv[0], e.Message);
                }
            }
        }
    }

    private async Task RunAsync(HookInvocation invocation, CancellationToken stopping)
    {
        var tunnel = invocation.Tunnel;
        var name = KebabName.Of(invocation.Event);
        var command = invocation.Command.ToString();
        if (Spawn(invocation) is not var (child, reader))
        {
            return;
        }

        try
        {
            var started = time.GetTimestamp();
            logger.HookStarted(tunnel, name, command, child.Pid, invocation.Timeout);
            var output = LogOutputAsync(reader.Lines, tunnel, name);
            var gone = false;
            try
            {
                // The timeout bounds the hook's whole process group: a background job it started
                // (and that ignores SIGHUP or SIGTERM) is ended with it, even after it exited.
                gone = await ProcessGroupEnd.WaitGoneAsync(child, invocation.Timeout, time, stopping).ConfigureAwait(false);
                if (!gone)
                {
                    logger.HookTimedOut(tunnel, name, command, invocation.Timeout, KillGrace);
                }
            }
            catch (OperationCanceledException)
            {
                logger.HookCancelled(tunnel, name, command);
            }

            var exit = gone
                ? await child.Exited.ConfigureAwait(false)
                : await ProcessGroupEnd.EndAsync(child, KillGrace, time).ConfigureAwait(false);

            try
            {
                await output.WaitAsync(OutputDrain, time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Something the hook started outside its group still holds the pipe: stop reading
                // (disposing ends the reader) and log what was read.
                reader.Dispose();
                await output.ConfigureAwait(false);
            }

            var elapsed = time.GetElapsedTime(started);
            if (exit is { WasSignaled: false, ExitStatus: 0 })
                logger.HookSucceeded(tunnel, name, command, elapsed);
            else
                logger.HookFailed(tunnel, name, command, exit.ToString(), elapsed);
        }
        finally
        {
            // Its zombie was held until now, so that its group could be signalled after it exited (ProcessGroupEnd).
            reader.Dispose();
            child.Release();
        }
    }

    /// <summary>Starts the hook like ssh in a process group of its own, so a timeout reaches whatever it started, with
    /// stdout and stderr on one socket read line by line; null when the program cannot be run (logged).</summary>
    private (TrackedChild Child, StderrSocketReader Output)? Spawn(HookInvocation invocation)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        // The variables systemd meant for sshkeep are not the hook's (a hook that speaks sd_notify
        // would otherwise talk for the daemon), exactly as for ssh.
        foreach (var name in SystemdEnvironment.ChildVariablesToRemove) overrides[name] = null;
        foreach (var (name, value) in invocation.Environment) overrides[name] = value;

        var argv = invocation.Command.Argv;
        var (output, writeFd) = StderrSocketReader.Open();
        int pid, error;
        try
        {
            var request = new SpawnRequest(argv[0], argv, PosixSpawn.CurrentEnvironmentWith(overrides))
            {
                SearchPath = true,
                NewProcessGroup = true,
                StandardStreamsToDevNull = true,
                StandardOutputFd = writeFd,
                StandardErrorFd = writeFd,
            };
            PosixSpawn.TrySpawn(request, out pid, out error);
        }
        catch
        {
            output.Dispose();
            throw;
        }
        finally
        {
            // The child has its own copies as fds 1 and 2; ours would keep the socket from reaching EOF.
            LibC.close(writeFd);
        }

        if (error != 0)
        {
            // The program may have been removed since the file was loaded.
            output.Dispose();
            logger.HookStartFailed(invocation.Tunnel, KebabName.Of(invocation.Event), argv[0], LibC.StrError(error));
            return null;
        }

        return (reaper.Track(pid, holdZombie: true), output);
    }

    private async Task LogOutputAsync(ChannelReader<string> lines, string tunnel, string name)
    {
        var count = 0;
        await foreach (var line in lines.ReadAllAsync().ConfigureAwait(false))
        {
            if (++count <= MaxOutputLines)
                logger.HookOutput(tunnel, name, OneLine.Cut(line, MaxOutputLineLength));
        }

        if (count > MaxOutputLines) logger.HookOutputCut(tunnel, name, count - MaxOutputLines, MaxOutputLines);
    }

    private TunnelQueue NewQueue(string tunnel)
    {
        var channel = Channel.CreateBounded<HookInvocation>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped => logger.HookDropped(tunnel, KebabName.Of(dropped.Event), QueueCapacity));
        return new TunnelQueue(channel.Writer, WorkAsync(channel.Reader));
    }

    /// <summary>One tunnel's queue and its worker.</summary>
    private sealed record TunnelQueue(ChannelWriter<HookInvocation> Writer, Task Worker);
}
