namespace SshKeep.Health;

/// <summary>Where ssh connects, from <c>ssh -G</c>: ssh_config, Match and Include are ssh's to get right, not ours.</summary>
/// <param name="ProxyJump">Null when absent or "none", as <paramref name="ProxyCommand"/>.</param>
internal sealed record EffectiveSshConfig(string HostName, int Port, string? ProxyJump, string? ProxyCommand, AddressFamily AddressFamily)
{
    public const int DefaultPort = 22;

    /// <summary>Hostile text: lines that do not parse are skipped; null without a usable hostname.</summary>
    public static EffectiveSshConfig? Parse(string text)
    {
        var ssh = SshGOutput.Parse(text);
        var port = ssh.All("port").Select(v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0)
            .LastOrDefault(p => p is > 0 and <= 65535, DefaultPort);
        var family = ssh.All("addressfamily").LastOrDefault()?.ToLowerInvariant() switch
        {
            "inet" => AddressFamily.InterNetwork,
            "inet6" => AddressFamily.InterNetworkV6,
            _ => AddressFamily.Unspecified,
        };
        return ssh.All("hostname").LastOrDefault(IsSafeHostName) is { } hostName
            ? new EffectiveSshConfig(hostName, port, Proxy(ssh, "proxyjump"), Proxy(ssh, "proxycommand"), family)
            : null;
    }

    /// <summary>The first address in the resolver's order, which ssh tries first; null behind a proxy or unresolved.</summary>
    public async Task<IPEndPoint?> ResolveAsync(TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (ProxyJump is not null || ProxyCommand is not null) return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(HostName, out var literal) ? [literal]
                : await Dns.GetHostAddressesAsync(HostName, AddressFamily, cancellationToken)
                    .WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or SocketException or ArgumentException)
        {
            return null; // often the outage itself (DNS is down): asked again at the next wait
        }

        return addresses
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Where(a => AddressFamily == AddressFamily.Unspecified || a.AddressFamily == AddressFamily)
            .Select(a => new IPEndPoint(a, Port))
            .FirstOrDefault();
    }

    private static string? Proxy(SshGOutput ssh, string keyword) =>
        ssh.All(keyword).LastOrDefault() is { } value && !value.Equals("none", StringComparison.OrdinalIgnoreCase) ? value : null;

    /// <summary>ssh itself refuses spaces and control characters ("hostname contains invalid characters").</summary>
    private static bool IsSafeHostName(string value) =>
        value.Length <= 255 && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
