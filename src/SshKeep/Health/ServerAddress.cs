using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SshKeep.Ssh;

namespace SshKeep.Health;

/// <summary>
/// The endpoint to check before ssh runs: <c>ssh -G</c> with the tunnel's own program and argv
/// (an array, never a shell) says where ssh would connect, then that name is resolved
/// (docs/reachability.md). Behind ProxyJump or ProxyCommand there is nothing of ours to check.
/// Every failure is a <see cref="ServerAddressKind.Unknown"/> value with one line saying why;
/// only the caller's cancellation throws.
/// </summary>
internal static class ServerAddress
{
    /// <summary>Covers a slow ssh_config (Match exec) and the resolver's own retries.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs <c>SSHPATH -G ARGS…</c> and resolves the hostname it reports.</summary>
    /// <param name="sshPath">The ssh program the tunnel runs ("ssh" is looked up in PATH).</param>
    /// <param name="sshArguments">ssh's argv as the tunnel runs it, options and destination (for
    /// a daemon tunnel, <c>TunnelSshArguments.Build(tunnel)</c>; in compatibility mode, the ssh
    /// arguments). <c>-G</c> is put first; ssh -G ignores forwards and a remote command.</param>
    /// <param name="timeout">For ssh -G and the name resolution together.</param>
    /// <param name="environment">ssh -G's whole environment (the daemon's minimal one, so that a
    /// <c>Match exec</c> in ssh_config sees what the tunnel's ssh sees); null inherits ours.</param>
    public static async Task<ServerAddressLookup> LookupAsync(
        string sshPath, IReadOnlyList<string> sshArguments, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var started = time.GetTimestamp();
        var (config, problem) = await ReadEffectiveConfigAsync(sshPath, sshArguments, time, timeout, environment, cancellationToken).ConfigureAwait(false);
        if (config is null) return new ServerAddressLookup(ServerAddressKind.Unknown, null, [], problem!);
        var left = timeout - time.GetElapsedTime(started);
        return await ResolveAsync(config, time, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where <paramref name="config"/> says ssh connects: its hostname resolved (an
    /// address literal as is) with its port, or why not.</summary>
    public static async Task<ServerAddressLookup> ResolveAsync(
        EffectiveSshConfig config, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (config.ProxyJump is { } jump)
            return new ServerAddressLookup(ServerAddressKind.BehindProxy, config, [], $"reached through ProxyJump {jump}; not checked");
        if (config.ProxyCommand is { } command)
            return new ServerAddressLookup(ServerAddressKind.BehindProxy, config, [], $"reached through ProxyCommand {command}; not checked");

        var name = $"{Bracketed(config.HostName)}:{config.Port}";
        IPAddress[] addresses;
        if (IPAddress.TryParse(config.HostName, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(config.HostName, config.AddressFamily, cancellationToken)
                                     .WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return Unknown(config, $"{config.HostName} did not resolve within {timeout.TotalSeconds:0.#}s");
            }
            catch (SocketException e)
            {
                return Unknown(config, $"{config.HostName} did not resolve: {SocketErrorText.Of(e)}");
            }
            catch (ArgumentException e)
            {
                return Unknown(config, $"{config.HostName} is not a name that can be resolved: {e.Message}");
            }
        }

        var endpoints = addresses
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Where(a => config.AddressFamily == AddressFamily.Unspecified || a.AddressFamily == config.AddressFamily)
            .Select(a => new IPEndPoint(a, config.Port))
            .ToList();
        if (endpoints.Count == 0) return Unknown(config, $"{config.HostName} has no address ssh would use");
        return new ServerAddressLookup(ServerAddressKind.Checkable, config, endpoints,
            $"{name} is {string.Join(", ", endpoints)}");
    }

    /// <summary>Runs ssh -G; the parsed output, or null and one line saying why.</summary>
    private static async Task<(EffectiveSshConfig? Config, string? Problem)> ReadEffectiveConfigAsync(
        string sshPath, IReadOnlyList<string> sshArguments, TimeProvider time, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(sshPath)
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

        startInfo.ArgumentList.Add("-G");
        foreach (var argument in sshArguments) startInfo.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new Win32Exception("not started");
        }
        catch (Win32Exception e)
        {
            return (null, $"could not run {sshPath} -G: {e.Message}");
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
                return (null, $"{sshPath} -G did not finish within {timeout.TotalSeconds:0.#}s");
            }

            var output = await stdout.ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
                return (null, $"{sshPath} -G exited with {process.ExitCode}: {LastLine(errors) ?? "no message"}");
            return EffectiveSshConfig.Parse(output) is { } config
                ? (config, null)
                : (null, $"{sshPath} -G printed no hostname");
        }
    }

    private static ServerAddressLookup Unknown(EffectiveSshConfig config, string text) =>
        new(ServerAddressKind.Unknown, config, [], text);

    private static string Bracketed(string host) => host.Contains(':') ? $"[{host}]" : host;

    /// <summary>The last non-empty line of ssh's stderr (its error comes last, after any debug lines), one line.</summary>
    private static string? LastLine(string text) =>
        text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0) is { } line
            ? OneLine.Of(line, OneLineStyle.QuestionMark)
            : null;
}
