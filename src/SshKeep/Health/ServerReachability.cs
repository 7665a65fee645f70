using System.ComponentModel;
using SshKeep.Config;
using SshKeep.Ssh;

namespace SshKeep.Health;

/// <summary>The real <see cref="IServerReachability"/> (docs/reachability.md); only the caller's cancellation throws.</summary>
/// <param name="sshEnvironment">The environment <c>ssh -G</c> runs with (docs/security.md); null inherits ours.</param>
internal sealed class ServerReachability(TimeProvider time, IReadOnlyDictionary<string, string?>? sshEnvironment = null) : IServerReachability
{
    public static readonly TimeSpan WatchInterval = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);

    /// <summary><c>ssh -G</c> and the name's resolution: covers a slow ssh_config (Match exec) and the resolver's retries.</summary>
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    public ServerConnection? ConnectionOf(int pid) => ServerConnection.Of(pid);

    public Task<ReachabilityOutcome> CheckAsync(IPEndPoint server, CancellationToken cancellationToken) =>
        CheckAsync(server, CheckTimeout, cancellationToken);

    public Task WaitUntilAnswersAsync(IPEndPoint server, CancellationToken cancellationToken) =>
        new ReachabilityWatch(server, time, CheckAsync, WatchInterval).WaitUntilAnswersAsync(cancellationToken);

    public Task<IPEndPoint?> ResolveAsync(string sshPath, IReadOnlyList<string> sshArguments, CancellationToken cancellationToken) =>
        LookupAsync(sshPath, sshArguments, time, LookupTimeout, cancellationToken, sshEnvironment);

    /// <summary>Whether a -L/-D listener accepts (ssh binds it only once authenticated); nothing is sent.</summary>
    public async Task<bool> ListenerAcceptsAsync(ForwardSpec forward, CancellationToken cancellationToken)
    {
        try
        {
            return (await CheckAsync(new IPEndPoint(ForwardProbe.LocalListener(forward), forward.BindPort), cancellationToken)).Answered;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Closed as soon as it is made, nothing sent (docs/reachability.md, "What the server sees").</summary>
    public async Task<ReachabilityOutcome> CheckAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Over IPv4: an IPv6 socket would need dual mode for a mapped address.
        var target = TcpSocketTable.Plain(endpoint);
        using var timeoutSource = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        Socket socket;
        try
        {
            socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException e)
        {
            // No IPv6 (or IPv4) support in this kernel or namespace.
            return ReachabilityOutcome.UnreachableAt(endpoint, SocketErrorText.Of(e));
        }
        using (socket)
        {
            SocketError error;
            try
            {
                // A refused check is a value, not an exception with a symbolized stack trace.
                error = await QuietConnect.ConnectAsync(socket, target, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ReachabilityOutcome.TimedOutAt(endpoint, timeout);
            }
            catch (SocketException e)
            {
                return ReachabilityOutcome.UnreachableAt(endpoint, SocketErrorText.Of(e));
            }
            return error switch
            {
                SocketError.Success => ReachabilityOutcome.AnsweredBy(endpoint),
                SocketError.ConnectionRefused => ReachabilityOutcome.RefusedBy(endpoint),
                SocketError.TimedOut => ReachabilityOutcome.TimedOutAt(endpoint, timeout),
                _ => ReachabilityOutcome.UnreachableAt(endpoint, SocketErrorText.Of(error)),
            };
        }
    }

    /// <param name="environment">The tunnel ssh's whole environment, for a <c>Match exec</c>; null inherits ours.</param>
    public static async Task<IPEndPoint?> LookupAsync(
        string sshPath, IReadOnlyList<string> sshArguments, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var started = time.GetTimestamp();
        var startInfo = new ProcessStartInfo(sshPath, ["-G", .. sshArguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (environment is not null)
        {
            startInfo.Environment.Clear();
            foreach (var (name, value) in environment) startInfo.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new Win32Exception("not started");
        }
        catch (Win32Exception)
        {
            return null;
        }

        using (process)
        {
            // Closed stdin: ssh -G never reads it, and nothing may ever wait on a terminal.
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var deadline = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ours to end, with anything a Match exec started.
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited in between.
                }
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }

            var output = await stdout.ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0 || EffectiveSshConfig.Parse(output) is not { } config) return null;
            var left = timeout - time.GetElapsedTime(started);
            return await config.ResolveAsync(time, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
        }
    }
}
