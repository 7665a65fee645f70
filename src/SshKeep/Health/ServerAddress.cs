using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SshKeep.Health;

/// <summary>Where ssh would connect (<c>ssh -G</c>, resolved): docs/reachability.md. Null when it cannot be known
/// (a proxy, ssh -G failing, a name that does not resolve); only the caller's cancellation throws.</summary>
internal static class ServerAddress
{
    /// <summary>Covers a slow ssh_config (Match exec) and the resolver's own retries.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <param name="environment">The tunnel ssh's whole environment, for a <c>Match exec</c>; null inherits ours.</param>
    public static async Task<IPEndPoint?> LookupAsync(
        string sshPath, IReadOnlyList<string> sshArguments, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var started = time.GetTimestamp();
        var config = await ReadEffectiveConfigAsync(sshPath, sshArguments, time, timeout, environment, cancellationToken).ConfigureAwait(false);
        if (config is null) return null;
        var left = timeout - time.GetElapsedTime(started);
        return await ResolveAsync(config, time, left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The endpoint ssh tries first: the first address in the resolver's order.</summary>
    public static async Task<IPEndPoint?> ResolveAsync(
        EffectiveSshConfig config, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (config.UsesProxy) return null;
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
            catch (Exception e) when (e is TimeoutException or SocketException or ArgumentException)
            {
                return null; // often the outage itself (DNS is down): asked again at the next wait
            }
        }

        return addresses
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Where(a => config.AddressFamily == AddressFamily.Unspecified || a.AddressFamily == config.AddressFamily)
            .Select(a => new IPEndPoint(a, config.Port))
            .FirstOrDefault();
    }

    private static async Task<EffectiveSshConfig?> ReadEffectiveConfigAsync(
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
            return process.ExitCode == 0 ? EffectiveSshConfig.Parse(output) : null;
        }
    }
}
