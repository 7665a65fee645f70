using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SshKeep.Ssh;

namespace SshKeep.Hooks;

/// <summary>
/// Runs hooks off the supervisors' path (docs/config.md "hooks", how they run): <see cref="Enqueue"/>
/// never waits; each tunnel has its own bounded queue and one worker, so its hooks run one at a
/// time in the order of their events, and a hanging hook delays only later hooks of its tunnel.
/// Nothing a hook does reaches a tunnel's state.
/// </summary>
internal sealed class HookRunner(ChildReaper reaper, ILogger logger, TimeProvider time) : IAsyncDisposable
{
    /// <summary>Hooks kept waiting per tunnel; a tunnel flapping faster than its hooks run loses the oldest.</summary>
    public const int QueueCapacity = 8;

    /// <summary>Lines of a hook's output that are logged; the rest are counted.</summary>
    public const int MaxOutputLines = 20;

    /// <summary>Longest logged output line, in characters.</summary>
    public const int MaxOutputLineLength = 300;

    /// <summary>How long a stopping daemon lets queued hooks run (the down hooks of its tunnels)
    /// before it kills them: bounded, so a hanging hook cannot hold up a stop or systemd's
    /// TimeoutStopSec.</summary>
    public static readonly TimeSpan StopDrain = TimeSpan.FromSeconds(10);

    /// <summary>Between SIGTERM and SIGKILL for a hook past its timeout.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(2);

    /// <summary>How long the output is still read after the hook's group ended: a process that
    /// left the group (setsid) may hold the pipe open, and must not keep the queue waiting.</summary>
    public static readonly TimeSpan OutputDrain = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, TunnelQueue> _queues = new(StringComparer.Ordinal);
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
            var queue = _queues.GetOrAdd(invocation.Tunnel, NewQueue);
            queue.Writer.TryWrite(invocation);
        }
    }

    /// <summary>
    /// Takes no more hooks and lets the queued ones run (the down hooks of a stopping daemon) for
    /// at most <paramref name="drain"/>; then kills what still runs and drops what still waits.
    /// </summary>
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
        HookProcess process;
        try
        {
            process = HookProcess.Start(invocation, reaper);
        }
        catch (SshStartException e)
        {
            logger.HookStartFailed(tunnel, name, e.Program, e.Reason);
            return;
        }

        using (process)
        {
            var started = time.GetTimestamp();
            logger.HookStarted(tunnel, name, command, process.Child.Pid, invocation.Timeout);
            var output = LogOutputAsync(process.Output, tunnel, name);
            ChildExit exit;
            try
            {
                // The timeout bounds the hook's whole process group: a background job it started
                // (and that ignores SIGHUP or SIGTERM) is ended with it, even after it exited.
                if (await ProcessGroupEnd.WaitGoneAsync(process.Child, invocation.Timeout, time, stopping).ConfigureAwait(false))
                {
                    exit = await process.Child.Exited.ConfigureAwait(false);
                }
                else
                {
                    logger.HookTimedOut(tunnel, name, command, invocation.Timeout, KillGrace);
                    exit = await ProcessGroupEnd.EndAsync(process.Child, KillGrace, time).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                logger.HookCancelled(tunnel, name, command);
                exit = await ProcessGroupEnd.EndAsync(process.Child, KillGrace, time).ConfigureAwait(false);
            }

            try
            {
                await output.WaitAsync(OutputDrain, time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Something the hook started outside its group still holds the pipe: stop reading
                // (disposing ends the reader) and log what was read.
                process.Dispose();
                await output.ConfigureAwait(false);
            }

            var elapsed = time.GetElapsedTime(started);
            if (exit is { WasSignaled: false, ExitStatus: 0 })
                logger.HookSucceeded(tunnel, name, command, elapsed);
            else
                logger.HookFailed(tunnel, name, command, exit.ToString(), elapsed);
        }
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
