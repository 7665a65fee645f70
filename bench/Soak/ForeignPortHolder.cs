using System.Globalization;
using SshKeep.Demo;

namespace SshKeep.Bench.Soak;

/// <summary>
/// Someone else's ssh that takes a -R tunnel's remote port: a plain `ssh -N` master to the same
/// server, connected before the fault, which asks for the port over its control socket (`ssh -O
/// forward -R …`, one round trip) the moment the tunnel's own session lets go of it — faster than
/// the daemon's new ssh can connect and authenticate, so it usually wins the port. Its forward
/// points at a port where nothing listens: while it holds the port, the tunnel is down for its users.
/// </summary>
internal sealed class ForeignPortHolder : IAsyncDisposable
{
    private static readonly TimeSpan ConnectLimit = TimeSpan.FromSeconds(20);
    private readonly ThrowawaySshd _sshd;
    private readonly string _socket;
    private readonly BackgroundProcess _master;
    private readonly TimeProvider _time;

    private ForeignPortHolder(ThrowawaySshd sshd, string socket, BackgroundProcess master, TimeProvider time)
    {
        _sshd = sshd;
        _socket = socket;
        _master = master;
        _time = time;
    }

    /// <summary>The master ssh's pid (not the daemon's: the stray-ssh check leaves it out).</summary>
    public int Pid => _master.Pid;

    public Task<int> Exited => _master.Exited;

    /// <summary>Starts the master and returns once its control socket answers.</summary>
    /// <exception cref="InvalidOperationException">It did not connect within 20 s (the message has its stderr).</exception>
    public static async Task<ForeignPortHolder> ConnectAsync(ThrowawaySshd sshd, string directory, TimeProvider time, CancellationToken cancellationToken)
    {
        var socket = Path.Combine(directory, $"foreign-{Guid.NewGuid():N}"[..20] + ".sock");
        var master = BackgroundProcess.Start("ssh",
        [
            .. sshd.ClientOptions, "-N", "-o", "ControlMaster=yes", "-o", $"ControlPath={socket}", "-o", "ControlPersist=no",
            "-o", "ServerAliveInterval=2", "-o", "ServerAliveCountMax=2", sshd.Destination,
        ]);
        var holder = new ForeignPortHolder(sshd, socket, master, time);
        var started = time.GetTimestamp();
        while (!(await holder.ControlAsync(["-O", "check"], cancellationToken).ConfigureAwait(false)).Succeeded)
        {
            if (master.HasExited || time.GetElapsedTime(started) > ConnectLimit)
            {
                await holder.DisposeAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"the foreign ssh did not connect within {ConnectLimit.TotalSeconds:0} s: {master.StandardError.Trim()}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken).ConfigureAwait(false);
        }
        return holder;
    }

    /// <summary>Asks for 127.0.0.1:<paramref name="port"/> on the server until the server grants it or
    /// <paramref name="limit"/> passes; true when this ssh holds the port.</summary>
    public async Task<bool> TakeAsync(int port, int deadTarget, TimeSpan limit, CancellationToken cancellationToken)
    {
        var spec = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}:127.0.0.1:{deadTarget}");
        var started = _time.GetTimestamp();
        while (_time.GetElapsedTime(started) < limit && !_master.HasExited)
        {
            if ((await ControlAsync(["-O", "forward", "-R", spec], cancellationToken).ConfigureAwait(false)).Succeeded) return true;
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellationToken).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>Ends the master (SIGTERM, then SIGKILL): its session ends and the server frees the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _master.DisposeAsync().ConfigureAwait(false);
        File.Delete(_socket);
    }

    private Task<ProcessResult> ControlAsync(string[] arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync("ssh", ["-F", "/dev/null", "-S", _socket, .. arguments, _sshd.Destination], TimeSpan.FromSeconds(10),
                               cancellationToken: cancellationToken);
}
