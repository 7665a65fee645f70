using SshKeep.Native;
using SshKeep.Ssh;

namespace SshKeep.Hooks;

/// <summary>One bounded queue and worker per tunnel (docs/config.md, "hooks", "How they run").</summary>
internal sealed class HookRunner(ChildReaper reaper, ILogger logger, TimeProvider time) : IAsyncDisposable
{
    public const int QueueCapacity = 8;

    public const int MaxOutputLines = 20;

    public const int MaxOutputLineLength = 300;

    /// <summary>A hanging hook cannot hold up a stopping daemon's TimeoutStopSec.</summary>
    public static readonly TimeSpan StopDrain = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    /// <summary>A process that left the hook's group may hold its output open.</summary>
    public static readonly TimeSpan OutputDrain = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<string, TunnelQueue> _queues = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private bool _stopped;

    /// <summary>Ignored once <see cref="StopAsync"/> began.</summary>
    public void Enqueue(HookInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        lock (_gate)
        {
            if (_stopped) return;
            var queue = _queues.GetValueOrDefault(invocation.Tunnel) ?? (_queues[invocation.Tunnel] = NewQueue(invocation.Tunnel));
            queue.Writer.TryWrite(invocation);
        }
    }

    /// <summary>Queued hooks (a stopping daemon's down hooks) run for at most <paramref name="drain"/>.</summary>
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
                // The timeout bounds the whole process group, even after the hook itself exited.
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
                // Something the hook started outside its group holds the pipe: stop reading.
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

    /// <summary>Null when the program cannot be run (logged).</summary>
    private (TrackedChild Child, StderrSocketReader Output)? Spawn(HookInvocation invocation)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        // systemd's variables are not the hook's: one that speaks sd_notify would talk for the daemon.
        foreach (var name in SystemdEnvironment.ChildVariablesToRemove) overrides[name] = null;
        foreach (var (name, value) in invocation.Environment) overrides[name] = value;

        var argv = invocation.Command.Argv;
        var (output, writeFd) = StderrSocketReader.Open();
        int pid, error;
        try
        {
            var request = new SpawnRequest(argv[0], argv, PosixSpawn.EnvironmentWith(overrides))
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

    private sealed record TunnelQueue(ChannelWriter<HookInvocation> Writer, Task Worker);
}
